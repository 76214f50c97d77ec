import Foundation

/// A plain-text table for terminals: a header row, columns padded to their widest cell, long cells cut with `…`.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    /// The widest a column may grow, per column index; others are unlimited.
    var maxWidths: [Int: Int] = [:]

    func render() -> String {
        let cut = rows.map { row in
            row.enumerated().map { index, cell in
                let limit = maxWidths[index] ?? Int.max
                let flat = cell.replacingOccurrences(of: "\n", with: " ")
                return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
            }
        }
        var widths = headers.map(\.count)
        for row in cut {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        return ([line(headers)] + cut.map(line)).joined(separator: "\n") + "\n"
    }
}
