import Foundation
import Testing
@testable import LeadlineTransport

/// A TCP port on 127.0.0.1 where nothing listens (bound, then closed).
func unusedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
        }
    }
    guard bound else { throw TransportError(.localFile, isTemporary: true, detail: "test: cannot bind a port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// True when `bytes` ends with `suffix` (a Bool, so a failing expectation does not print megabytes).
func endsWith(_ bytes: [UInt8], _ suffix: [UInt8]) -> Bool {
    bytes.count >= suffix.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
}

/// `count` bytes of a fixed pseudo-random sequence (xorshift), fast even in debug builds.
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    for index in stride(from: 0, to: count, by: 8) {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        withUnsafeBytes(of: state) { word in
            for offset in 0 ..< min(8, count - index) { bytes[index + offset] = word[offset] }
        }
    }
    return bytes
}
