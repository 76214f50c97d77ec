import Foundation
import GRDB
import LeadlineApp
import LeadlineCore
import LeadlineStore

// leadline-bench schedule [--leads N] [--runs K] [--interval SECONDS] [--spread-days D] [--keep-db PATH] [--no-memory]
//
// The worker's real tick through the SQLite store: a database with N enrolled leads (default 1,000,000; see
// ScheduleFixture) is built once through LeadlineDatabase's migrations; each run copies it afresh and a child process
// (`schedule-tick`) loads the configuration, templates and sequences as `leadline run` does and calls
// `Sequencer.tick(now:)`, which reads the due enrolments, loads each lead and its inquiry facts, renders the step's
// template, builds the message and queues it in the outbox with the lead's new state. The child times the tick
// alone and reports its process's peak memory (VmHWM: configuration, templates, store and tick). The median of K runs
// is the headline; the pure planner over in-memory states (no store) is printed beside it.
// There is no external reference for this benchmark: the ratio is against the issue's 1-second target for a tick.

func runSchedule(_ arguments: [String]) throws {
    var leads = 1_000_000
    var runs = 5
    var interval: TimeInterval = 300
    var spreadDays = 8.0
    var keepDB: String?
    var inMemory = true
    var iterator = arguments.makeIterator()
    let usage = "usage: leadline-bench schedule [--leads N] [--runs K] [--interval SECONDS] [--spread-days D] [--keep-db PATH] [--no-memory]"
    while let argument = iterator.next() {
        switch argument {
        case "--leads": leads = try iterator.next().flatMap(Int.init) ?? { throw BenchError(usage) }()
        case "--runs": runs = try iterator.next().flatMap(Int.init) ?? { throw BenchError(usage) }()
        case "--interval": interval = try iterator.next().flatMap(Double.init) ?? { throw BenchError(usage) }()
        case "--spread-days": spreadDays = try iterator.next().flatMap(Double.init) ?? { throw BenchError(usage) }()
        case "--keep-db": keepDB = try iterator.next() ?? { throw BenchError(usage) }()
        case "--no-memory": inMemory = false
        default: throw BenchError("unknown argument \(argument); \(usage)")
        }
    }
    guard leads > 0, runs > 0, interval > 0, spreadDays > 0 else { throw BenchError(usage) }
    let root = FileManager.default.currentDirectoryPath
    let templates = root + "/Templates"
    let sequences = root + "/Config/sequences.yml"
    guard FileManager.default.fileExists(atPath: templates), FileManager.default.fileExists(atPath: sequences) else {
        throw BenchError("run it from the package root: \(templates) and \(sequences) are needed")
    }
    // Tuesday 13 January 2026, 08:05 UTC: five minutes after the send window opened (09:00) in Lagos, Warsaw and
    // Berlin; afternoon in Asia, night in the Americas. The previous tick ran at 08:00.
    let now = Date(timeIntervalSince1970: 1_768_291_500)

    let folder = NSTemporaryDirectory() + "leadline-bench-schedule-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder + "/inbox", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let runPath = folder + "/run.sqlite"
    let configPath = folder + "/leadline.yml"
    try """
        database: run.sqlite
        log_level: error
        accounts:
          - name: sales
            address: sales@sunridge-pumps.example
            display_name: Sunridge Sales
            source: { eml_dir: inbox }
            outbox: { directory: outbox }
        replies:
          templates: \(templates)
          sequences: \(sequences)
          company: Sunridge Solar Pumps
          salesperson: Anna Kowalska
        """.write(toFile: configPath, atomically: true, encoding: .utf8)

    // The fixture, built once (or reused with --keep-db).
    let basePath = keepDB ?? folder + "/base.sqlite"
    let fixture = ScheduleFixture(leads: leads, now: now, interval: interval, spreadDays: spreadDays)
    var summary: ScheduleFixture.Summary?
    if keepDB == nil || !FileManager.default.fileExists(atPath: basePath) {
        let kit = try SequenceKit.load(try ConfigurationLoader.load(file: configPath).replies!)
        var built = ScheduleFixture.Summary()
        let seconds = try measureSeconds {
            // The schema through LeadlineDatabase's migrations; the bulk load without a journal and with a large
            // cache (setup speed only: each run's child opens the copy with LeadlineDatabase.open, in WAL mode).
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
            }
            let store = try LeadlineDatabase(DatabaseQueue(path: basePath, configuration: configuration))
            built = try fixture.build(into: store, kit: kit)
        }
        summary = built
        print("setup: \(built.leads) leads written in \(fmt(seconds, 1)) s: \(built.running) running, \(built.completed) completed, \(built.stepsSent) steps sent before; \(built.dueAtNow) due at the tick")
    } else {
        print("setup: reusing \(basePath)")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: basePath)[.size] as? Int) ?? 0
    print("database: \(fmt(Double(size) / 1_048_576, 0)) MiB; tick at \(ISO8601DateFormatter().string(from: now)), previous tick \(Int(interval)) s before")

    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var results: [[String: Double]] = []
    for run in 1 ... runs {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: runPath + suffix) }
        try FileManager.default.copyItem(atPath: basePath, toPath: runPath)
        sync()  // the copy's 2.7 GB written out now, not by the kernel during the tick
        // The child reports its own peak memory: no sampling from here while it ticks.
        let child = try runChild([me, "schedule-tick", configPath, String(now.timeIntervalSince1970)], samplingMemory: false)
        guard child.status == 0, let line = child.output.split(separator: "\n").last(where: { $0.hasPrefix("tick-result ") })
        else { throw BenchError("schedule-tick failed (exit \(child.status)): \(child.output.suffix(2000))") }
        var values: [String: Double] = [:]
        for pair in line.dropFirst("tick-result ".count).split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
        }
        guard let due = values["due"], let queued = values["queued"], values["left"] == 0, queued == due,
              values["errors"] == 0 else {
            throw BenchError("run \(run): the tick did not queue every due step: \(line)")
        }
        if let expected = summary?.dueAtNow, Int(due) != expected {
            throw BenchError("run \(run): \(Int(due)) due in the store, the fixture planned \(expected)")
        }
        results.append(values)
        print("run \(run): \(Int(due)) due, \(Int(queued)) queued in \(fmt(values["seconds"] ?? 0, 3)) s (CPU \(fmt(values["cpu"] ?? 0, 2)) s); "
            + "child RSS \(fmt(values["rss_before"] ?? 0, 1)) MiB before the tick, peak \(fmt(values["hwm"] ?? 0, 1)) MiB; "
            + "then in idle time a checkpoint of \(Int(values["log_pages"] ?? 0)) log pages in "
            + "\(fmt(values["checkpoint"] ?? 0, 3)) s")
    }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: runPath + suffix) }

    let tick = median(results.map { $0["seconds"] ?? 0 })
    let times = results.map { $0["seconds"] ?? 0 }
    let peak = results.map { $0["hwm"] ?? 0 }.max() ?? 0
    let before = median(results.map { $0["rss_before"] ?? 0 })
    let due = Int(results[0]["due"] ?? 0)
    let rate = Double(due) / tick
    let cpu = median(results.map { $0["cpu"] ?? 0 })
    let checkpoint = median(results.map { $0["checkpoint"] ?? 0 })
    print("store tick: \(leads) enrolled leads, \(due) due (\(fmt(Double(due) * 100 / Double(leads), 2))%): "
        + "median \(fmt(tick, 3)) s over \(runs) runs (\(fmt(times.min() ?? 0, 3))-\(fmt(times.max() ?? 0, 3)) s), "
        + "\(fmt(rate, 0)) steps queued/s; CPU \(fmt(cpu, 2)) s (user and system, all threads; the machine's load "
        + "average is \(loadAverage())); peak memory \(fmt(peak, 1)) MiB (\(fmt(before, 1)) MiB before the tick); "
        + "the checkpoint the worker runs in idle time after it: median \(fmt(checkpoint, 3)) s")
    if inMemory {
        let memory = try runScheduleInMemory(leads: leads, runs: 3, now: now)
        print("in-memory planner only (no store, no rendering): which of \(leads) states are due: median \(fmt(memory.tick, 3)) s, "
            + "plan all from scratch \(fmt(memory.plan, 3)) s")
    }
    print("schedule: \(leads) leads, \(due) due, tick \(fmt(tick, 3)) s through the store, \(fmt(rate, 0)) steps/s, "
        + "peak \(fmt(peak, 1)) MiB; time ratio \(fmt(tick / 1.0, 3)) vs 1s-target")
}

/// `leadline-bench schedule-tick CONFIG NOW`: the measured side of `schedule`. Loads what `leadline run` loads
/// (configuration, templates, sequences, store), ticks once at NOW (seconds since 1970) and prints
/// `tick-result due=.. queued=.. errors=.. left=.. seconds=.. rss_before=.. hwm=.. checkpoint=.. log_pages=..`, the
/// checkpoint timed after the tick as the worker runs it after a pass. With `PERF_CTL_FIFO` set to a `perf record
/// --control fifo:...` FIFO, writes `enable`/`disable` around the tick so a profile holds the tick only.
func runScheduleTick(_ arguments: [String]) throws {
    guard arguments.count == 2, let epoch = Double(arguments[1]) else {
        throw BenchError("usage: leadline-bench schedule-tick CONFIG NOW")
    }
    let now = Date(timeIntervalSince1970: epoch)
    let configuration = try ConfigurationLoader.load(file: arguments[0])
    guard let replies = configuration.replies else { throw BenchError("\(arguments[0]) has no replies: section") }
    let kit = try SequenceKit.load(replies)
    let store = try LeadlineDatabase.open(path: configuration.database)
    let sequencer = Sequencer(database: store, configuration: configuration, kit: kit, logger: benchLogger())
    let due = try store.writer.read { db in
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM enrolment WHERE (status = 'active' AND (next_due IS NULL OR next_due <= ?))
               OR (status = 'paused' AND paused_until <= ?)
            """, arguments: [now, now]) ?? 0
    }
    let queuedBefore = try store.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'queued'") ?? 0
    }
    let rssBefore = currentMemoryMiB()
    var report = SequencingReport()
    let cpuBefore = cpuSeconds()
    let control = ProcessInfo.processInfo.environment["PERF_CTL_FIFO"].flatMap { FileHandle(forWritingAtPath: $0) }
    control?.write("enable\n".data(using: .utf8)!)
    let seconds = try measureSeconds { report = try sequencer.tick(now: now) }
    control?.write("disable\n".data(using: .utf8)!)
    let cpu = cpuSeconds() - cpuBefore
    // What the worker does in the idle time after a pass: copy the tick's log back into the file (not the tick's
    // time, reported beside it).
    var logPages = 0
    let checkpointSeconds = try measureSeconds { logPages = try store.checkpoint().logPages }
    let left = try store.dueEnrolments(now: now).count
    let queued = try store.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'queued'") ?? 0
    } - queuedBefore
    for error in report.errors.prefix(5) { print("error: \(error)") }
    print("tick-result due=\(due) queued=\(queued) reported=\(report.followUpsQueued + report.acknowledgementsQueued) "
        + "errors=\(report.errors.count) left=\(left) seconds=\(seconds) cpu=\(cpu) "
        + "rss_before=\(rssBefore) hwm=\(highWaterMarkMiB()) checkpoint=\(checkpointSeconds) log_pages=\(logPages)")
}

/// The 1-minute load average (shared machines: a loaded one stretches every time).
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

/// CPU seconds used by this process so far, user and system, all threads.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// This process's peak resident memory (VmHWM), in MiB.
func highWaterMarkMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return kib / 1024
}
