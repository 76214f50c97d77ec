/// One row of a label file: a message file and the kind a person gave it.
public struct LabelledFile: Sendable, Equatable {
    /// The message path, as written in the file (relative to the label file's folder unless absolute).
    public var file: String
    /// The kind.
    public var kind: LeadKind
    /// Line number in the label file (1-based), for error messages.
    public var line: Int
}

/// An error in a label file, with the line it is on.
public struct LabelFileError: Error, CustomStringConvertible, Equatable {
    /// The line number (1-based).
    public var line: Int
    /// What is wrong.
    public var problem: String
    public var description: String { "line \(line): \(problem)" }
}

/// Reads tab-separated label files (`labels.tsv`): a header row with at least the columns `file` and `label`.
public enum LabelFile {
    /// Parses the text of a label file.
    /// - Throws: `LabelFileError` naming the line of a missing column or an unknown label.
    public static func parse(_ text: String) throws(LabelFileError) -> [LabelledFile] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let header = lines.first else { throw LabelFileError(line: 1, problem: "the file is empty") }
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed }
        guard let fileColumn = columns.firstIndex(of: "file"), let labelColumn = columns.firstIndex(of: "label") else {
            throw LabelFileError(line: 1, problem: "the header must name the columns \"file\" and \"label\" (tab-separated)")
        }
        var rows: [LabelledFile] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingSpaces.isEmpty {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed }
            guard cells.count > max(fileColumn, labelColumn) else {
                throw LabelFileError(line: index + 1, problem: "expected at least \(max(fileColumn, labelColumn) + 1) tab-separated columns, found \(cells.count)")
            }
            guard let kind = LeadKind(rawValue: cells[labelColumn]) else {
                let known = LeadKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw LabelFileError(line: index + 1, problem: "unknown label \"\(cells[labelColumn])\" (known: \(known))")
            }
            rows.append(LabelledFile(file: cells[fileColumn], kind: kind, line: index + 1))
        }
        return rows
    }
}

extension Substring {
    var trimmed: String { String(trimmingSpaces) }
}
