'use strict';
// The inventory service of spanproof's cross-process example, in Node.js: OpenTelemetry JS
// instruments its HTTP server and exports the SERVER span over OTLP/JSON to
// OTEL_EXPORTER_OTLP_ENDPOINT (the test's OTLP receiver). Listens on 127.0.0.1 on a free port and
// prints "listening on port N" once it serves; SIGTERM flushes the spans and exits.
const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'inventory-js' }),
  // A short delay: the span reaches the receiver soon after the response.
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 100 })],
});
provider.register();
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });

// Loaded after the instrumentation is registered, so that it is patched.
const http = require('http');

const server = http.createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('7');
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on port ${server.address().port}`);
});

process.on('SIGTERM', () => {
  server.close();
  provider.shutdown().finally(() => process.exit(0));
});
