package dev.spanproof.core.trace;

import java.util.Objects;

/**
 * The nodes of one trace by span id: an open-addressing table with linear probing, sized once. A
 * {@code HashMap} made an entry object per span and followed it to the key; here a look-up reads
 * the id's own (cached) hash, then two arrays, and {@code Objects.equals} compares ids by reference
 * first, which succeeds for SDK spans: a child's parent id is the very string its parent holds as
 * its own id.
 */
final class SpanIdIndex {

  private final int[] hashes;
  private final String[] ids;
  private final SpanNode[] nodes;
  private final int shift;

  /** A table for {@code expected} nodes, at most half full. */
  SpanIdIndex(int expected) {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, expected)) + 1;
    this.hashes = new int[1 << bits];
    this.ids = new String[1 << bits];
    this.nodes = new SpanNode[1 << bits];
    this.shift = 32 - bits;
  }

  /** Adds {@code node} under its span id, unless a node with that id is there already. */
  void putIfAbsent(SpanNode node) {
    String id = node.spanId();
    int hash = hashOf(id);
    int mask = nodes.length - 1;
    for (int slot = slotOf(hash); ; slot = (slot + 1) & mask) {
      if (nodes[slot] == null) {
        hashes[slot] = hash;
        ids[slot] = id;
        nodes[slot] = node;
        return;
      }
      if (hashes[slot] == hash && Objects.equals(ids[slot], id)) {
        return;
      }
    }
  }

  /** The node with this span id, or null. */
  SpanNode get(String id) {
    int hash = hashOf(id);
    int mask = nodes.length - 1;
    for (int slot = slotOf(hash); nodes[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && Objects.equals(ids[slot], id)) {
        return nodes[slot];
      }
    }
    return null;
  }

  private int slotOf(int hash) {
    // Fibonacci hashing: the top bits of the product depend on every bit of the hash.
    return (hash * 0x9E3779B9) >>> shift;
  }

  private static int hashOf(String id) {
    // SpanData from elsewhere may carry a null id; it is then just another key.
    return id == null ? 0 : id.hashCode();
  }
}
