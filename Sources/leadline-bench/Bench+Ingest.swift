import Foundation

// leadline-bench ingest [N] [RUNS] [--mix inquiries|long-text|large]: the whole ingest of N inquiries (default 10,000) from
// the loopback Dovecot (mixes: see BenchMailbox.swift; default `inquiries`, shaped like real inquiries), as a
// user runs it: the release `leadline run --once` binary, started fresh for each run as a child process, reads a
// generated configuration (one IMAP account on the benchmark mailbox, TLS verified against the test CA, password from
// the environment), then fetches, parses, classifies and stores every message into a fresh SQLite file. Reference:
// mbsync copying the same mailbox to a local Maildir in the same run. Time and peak memory (VmHWM of each child's own
// address space, see runChild in BenchSupport.swift) are measured the same way for both; RUNS runs each (default 3), medians.
//
// Targets (issue 5): whole ingest within 3x of mbsync's copy time; memory under 150 MB whatever N (run it at 2,000
// and 10,000 to see that it does not grow). Servers: see BenchMailServer.swift.

/// The benchmark: `leadline-bench ingest [N] [RUNS]`.
func runIngest(_ arguments: [String]) throws {
    var numbers: [Int] = []
    var mix = BenchMix.inquiries
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        if argument == "--mix", let value = iterator.next().flatMap(BenchMix.init(rawValue:)) {
            mix = value
        } else if let number = Int(argument) {
            numbers.append(number)
        } else {
            throw BenchError("usage: leadline-bench ingest [N] [RUNS] [--mix inquiries|long-text|large]")
        }
    }
    let count = numbers.first ?? 10_000
    let runs = numbers.dropFirst().first ?? 3
    let leadline = try siblingExecutable("leadline")
    let (server, stop) = try mailServers()
    defer { stop?() }
    print("mix: \(mix.rawValue)")
    let mailbox = try prepareMailbox(server, count: count, mix: mix)
    let reference = try MbsyncReference(server: server, mailbox: mailbox)
    defer { reference.remove() }

    let work = NSTemporaryDirectory() + "leadline-bench-ingest-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let passwordVariable = "LEADLINE_BENCH_IMAP_PASSWORD"

    var ours: [ChildRun] = []
    var theirs: [ChildRun] = []
    for run in 1 ... runs {
        // A fresh database and configuration for every run: the first sync of a new installation.
        let database = "\(work)/run-\(run).sqlite"
        let config = "\(work)/leadline-\(run).yml"
        try """
        database: \(database)
        log_level: warning
        accounts:
          - name: bench
            address: \(server.user)
            imap:
              url: "imaps://localhost:\(server.port)"
              username: "\(server.user)"
              password_env: \(passwordVariable)
              ca_file: "\(server.caFile)"
              mailboxes: [\(mailbox)]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let leadlineRun = try runChild(
            [leadline, "run", "--once", "--config", config], environment: [passwordVariable: server.password])
        guard leadlineRun.status == 0, leadlineRun.output.contains("leadline run: \(count) new messages") else {
            throw BenchError("leadline run --once failed (exit \(leadlineRun.status)): \(leadlineRun.output)")
        }
        let mbsyncRun = try reference.copy(expecting: count)
        print("run \(run): leadline \(fmt(leadlineRun.seconds, 2)) s, \(fmt(leadlineRun.peakMemoryMiB, 1)) MiB; mbsync \(fmt(mbsyncRun.seconds, 2)) s, \(fmt(mbsyncRun.peakMemoryMiB, 1)) MiB")
        if run == 1, let summary = leadlineRun.output.split(separator: "\n").last(where: { $0.hasPrefix("leadline run:") }) {
            print("  \(summary)")
        }
        ours.append(leadlineRun)
        theirs.append(mbsyncRun)
        try? FileManager.default.removeItem(atPath: database)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
    try checkAllUnseen(server, mailbox: mailbox, count: count)

    let ourTime = median(ours.map(\.seconds))
    let theirTime = median(theirs.map(\.seconds))
    let ourMemory = ours.map(\.peakMemoryMiB).max() ?? 0
    let theirMemory = theirs.map(\.peakMemoryMiB).max() ?? 0
    print("leadline: \(count) msgs fetched, parsed, classified, stored; median \(fmt(ourTime, 2)) s, \(fmt(Double(count) / ourTime, 0)) msgs/s, peak \(fmt(ourMemory, 1)) MiB")
    print("mbsync:   \(count) msgs copied; median \(fmt(theirTime, 2)) s, \(fmt(Double(count) / theirTime, 0)) msgs/s, peak \(fmt(theirMemory, 1)) MiB")
    print("ingest: \(count) msgs (\(mix.rawValue) mix), leadline \(fmt(Double(count) / ourTime, 0)) msgs/s peak \(fmt(ourMemory, 1)) MiB, mbsync \(fmt(Double(count) / theirTime, 0)) msgs/s \(fmt(theirMemory, 1)) MiB, \(runs) runs; time ratio \(fmt(ourTime / theirTime, 2)) vs mbsync")
}

/// An executable built beside this one (`.build/release/leadline` next to `.build/release/leadline-bench`).
func siblingExecutable(_ name: String) throws -> String {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw BenchError("\(path) not found: build it first (swift build -c release --product \(name))")
    }
    return path
}
