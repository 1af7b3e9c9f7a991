package dev.rapport.support.deadletters;

/** {@code <partition>-<offset>} of a record in the dead-letter topic. */
record Position(int partition, long offset) {

    static Position parse(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        try {
            if (dash > 0) {
                return new Position(Integer.parseInt(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("a dead letter id is <partition>-<offset>, like 0-42; got: " + id);
    }

    String id() {
        return partition + "-" + offset;
    }

    boolean isBefore(Position other) {
        return partition < other.partition || (partition == other.partition && offset < other.offset);
    }
}
