/**
 * Spring Boot test integration: {@link dev.spanproof.spring.AutoConfigureSpanproof} on a {@code
 * SpringBootTest} class captures the application's own spans per test.
 */
package dev.spanproof.spring;
