// LeadlineStore: the lead store on SQLite through GRDB.
