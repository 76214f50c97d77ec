// LeadlineApp: the composition root (configuration, ingest pipeline, services).
