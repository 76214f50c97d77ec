import LeadlineTesting
import Testing

@Test("the loopback mail servers from Scripts/test are running")
func mailServersAreRunning() {
    #expect(MailServerEnvironment.current != nil, Comment(rawValue: MailServerEnvironment.missingMessage))
}
