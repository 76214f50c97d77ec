import Foundation
import LeadlineStore

/// How `leadline problems` prints messages that failed to parse or classify.
public enum ProblemsReport {
    /// One problem as a JSON object on one line: `id`, `at`, `account`, `mailbox`, `uid_validity`, `key`, `stage`,
    /// `error`, `message_id`, `subject`, `from`, `message_row`.
    public static func jsonLine(_ problem: ProblemReport) -> String {
        JSONLine.encode([
            "id": problem.id, "at": JSONLine.date(problem.occurredAt), "account": problem.location.account,
            "mailbox": problem.location.mailbox, "uid_validity": problem.location.uidValidity,
            "key": problem.location.key, "stage": problem.stage.rawValue, "error": problem.error,
            "message_id": problem.messageID ?? NSNull(), "subject": problem.subject ?? NSNull(),
            "from": problem.fromAddress ?? NSNull(), "message_row": problem.messageRowID,
        ])
    }

    /// A table of problems, or a sentence when there are none.
    public static func table(_ problems: [ProblemReport], timeZone: TimeZone) -> String {
        guard !problems.isEmpty else { return "No problems: every message was parsed and classified.\n" }
        let rows = problems.map { problem in
            [
                String(problem.id), TextFormat.minute(problem.occurredAt, timeZone), problem.location.description,
                problem.stage.rawValue, problem.error, problem.fromAddress ?? "-", problem.subject ?? "-",
            ]
        }
        return TextTable(
            headers: ["ID", "WHEN", "WHERE", "STAGE", "ERROR", "FROM", "SUBJECT"], rows: rows,
            maxWidths: [2: 40, 4: 60, 5: 32, 6: 40]
        ).render() + "The raw messages are kept; `leadline problems --json` lists them for scripts.\n"
    }
}
