import Foundation

// leadline-bench NAME [ARGS...]: one executable for every benchmark (run it in release mode).
// Each benchmark measures Leadline and the reference named in its issue on the same work in the same run, prints its
// figures, and ends with one line `NAME: <figures>; time ratio R vs <reference>` (R = Leadline's time / reference's).

let benchmarks: [String: (_ arguments: [String]) throws -> Void] = [
    // "name": runFunction, one line per benchmark (Bench+Name.swift).
    "self-check": runSelfCheck,
    "imap-fetch": runIMAPFetch,
    "imap-fetch-child": runIMAPFetchChild,  // internal: the measured side of imap-fetch
    "smtp-send": runSMTPSend,
    "smtp-send-child": runSMTPSendChild,  // internal: the measured side of smtp-send
    "mime": runMIMEBenchmark,
    "classify": runClassify,
    "schedule": runSchedule,
    "schedule-tick": runScheduleTick,  // internal: the measured side of schedule
    "store": runStore,
    "ingest": runIngest,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = benchmarks[name] else {
    let names = benchmarks.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: leadline-bench NAME [ARGS...]\nbenchmarks: \(names)\n".utf8))
    exit(2)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("leadline-bench \(name): \(error)\n".utf8))
    exit(1)
}
