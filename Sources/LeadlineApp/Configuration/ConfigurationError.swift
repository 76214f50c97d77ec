/// A configuration that cannot be used, with where: the file, the line and the key.
///
/// Printed as `Config/leadline.yml:12: accounts[0].imap.password: a password in the configuration file is refused…`,
/// the form editors and CI logs link to. Never contains a secret's value.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration file as the user named it.
    public var file: String
    /// The 1-based line, or nil when the file could not be read at all.
    public var line: Int?
    /// The key path (`accounts[0].imap.url`), or empty for the whole file.
    public var key: String
    /// What is wrong and how to fix it, in plain words.
    public var problem: String

    public init(file: String, line: Int?, key: String, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(place): \(problem)" : "\(place): \(key): \(problem)"
    }
}
