extension Migrations {
    /// v3: finding the paused enrolments whose pause is over without reading every enrolment. Only paused rows are
    /// in this index (a partial index), so it costs nothing for the active, stopped and completed ones.
    static let v3 = """
        CREATE INDEX enrolment_on_pause_end ON enrolment(paused_until) WHERE status = 'paused';
        """
}
