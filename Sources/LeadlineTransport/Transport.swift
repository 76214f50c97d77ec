// LeadlineTransport: IMAP and SMTP over libcurl, local Maildir/.eml sources and a file outbox.
