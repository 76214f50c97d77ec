public import Testing

/// Runs a test only when the mail servers are there. Pair it with one test per target that reports their absence
/// (`#expect(MailServerEnvironment.current != nil, Comment(rawValue: MailServerEnvironment.missingMessage))`), so a
/// plain `swift test` shows one clear failure instead of one per test.
public let requiresMailServers = ConditionTrait.enabled(
    if: MailServerEnvironment.current != nil, "mail servers not running")
