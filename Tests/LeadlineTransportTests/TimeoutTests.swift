import Foundation
import Testing
@testable import LeadlineTransport

/// A listening socket on 127.0.0.1 that never accepts or answers: a stalled server (fault injection a real server
/// cannot produce on demand). Closed by `close()`.
struct SilentServer {
    let fd: Int32
    let port: Int

    init() throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard ok else { throw TransportError(.localFile, isTemporary: true, detail: "test: cannot listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}

@Suite("Timeouts against a server that never answers")
struct TimeoutTests {
    @Test("a server that accepts the connection but never answers gives a temporary timeout error within the limit")
    func stalledServerTimesOut() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let config = IMAPConfiguration(endpoint: ServerEndpoint(
            host: "127.0.0.1", port: server.port, security: .tls,
            credential: .password(user: "sales@leadline.test", password: "x"), connectTimeout: 1, stallTimeout: 1))
        let client = IMAPClient(configuration: config, logger: testLogger())
        let error = try await #require(throws: TransportError.self) { try await client.status(of: "INBOX") }
        #expect(error.code == .timeout)
        #expect(error.isTemporary)
        // By libcurl's clock: the 1 s connect limit, not the 60 s default nor a hang.
        #expect(await client.lastTransferSeconds < 4)
    }

    @Test("SMTP to a server that never sends its greeting times out as temporary")
    func stalledSMTPTimesOut() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let config = SMTPConfiguration(endpoint: ServerEndpoint(
            host: "127.0.0.1", port: server.port, security: .startTLS,
            credential: .password(user: "sales@leadline.test", password: "x"), connectTimeout: 1, stallTimeout: 1))
        let error = try await #require(throws: TransportError.self) {
            try await SMTPClient(configuration: config, logger: testLogger())
                .send(OutgoingMail(sender: "a@leadline.test", recipients: ["b@leadline.test"], data: Array("x\r\n".utf8)))
        }
        #expect(error.code == .timeout)
        #expect(error.isTemporary)
    }
}
