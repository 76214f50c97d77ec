import COpenSSL
import Foundation

/// SHA-256 of a message's raw bytes, the key of the content-addressed message store.
///
/// Computed by OpenSSL's libcrypto (SHA extensions where the CPU has them), which libcurl loads anyway; Foundation
/// on Linux has no SHA-256, and swift-crypto would add a minute to every clean build. Checked against the FIPS 180-4
/// test vectors in the tests.
public enum ContentHash {
    /// The lower-case hexadecimal SHA-256 digest of `data` (64 characters).
    ///
    /// ```swift
    /// ContentHash.sha256(Data("abc".utf8))  // "ba7816bf…f20015ad"
    /// ```
    public static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { bytes in
            _ = digest.withUnsafeMutableBufferPointer { out in
                SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, out.baseAddress)
            }
        }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
