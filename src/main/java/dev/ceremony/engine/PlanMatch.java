package dev.ceremony.engine;

/** How a resumed ceremony's plan was found to be the one it started under; logged with the resume. */
enum PlanMatch {

    /** This run's plan has the SHA-256 the ceremony started under. */
    SAME_PLAN,

    /**
     * The ceremony started under a plan written by an earlier version, whose text (and so hash)
     * differs; its script (by SHA-256) and parameters are those of this run.
     */
    EARLIER_PLAN_FORMAT
}
