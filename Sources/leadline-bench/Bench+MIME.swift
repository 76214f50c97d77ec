import Foundation
import LeadlineMIME

/// `leadline-bench mime [--runs N] [--iterations K] [CORPUS_DIR]`: parses every message of the MIME corpus K times per
/// run with Leadline and with Python's `email` package (BytesParser, policy=default, extracting the same fields:
/// headers, addresses, date, get_body plain/html, attachments), N runs each, and compares the median times.
func runMIMEBenchmark(_ arguments: [String]) throws {
    var runs = 5
    var iterations = 10
    var corpus = "../shared/corpus/mime"
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--runs": index += 1; runs = Int(arguments[index]) ?? runs
        case "--iterations": index += 1; iterations = Int(arguments[index]) ?? iterations
        default: corpus = arguments[index]
        }
        index += 1
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus))?.filter { $0.hasSuffix(".eml") }.sorted() ?? []
    guard !names.isEmpty else { throw BenchError("no .eml files in \(corpus) (run from the package root; the corpus lives in ../shared/corpus)") }
    let paths = names.map { corpus + "/" + $0 }
    let messages = try paths.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    let totalBytes = Double(messages.reduce(0) { $0 + $1.count }) * Double(iterations)
    let totalMessages = Double(messages.count * iterations)
    print("corpus: \(messages.count) messages, \(fmt(Double(messages.reduce(0) { $0 + $1.count }) / 1_048_576, 2)) MiB; \(iterations) passes per run, \(runs) runs")

    // Leadline, in process.
    let parser = MIMEParser()
    var checksum = 0
    var leadlineTimes: [Double] = []
    for _ in 0 ..< runs {
        leadlineTimes.append(measureSeconds {
            for _ in 0 ..< iterations {
                for bytes in messages {
                    guard let message = try? parser.parse(bytes) else { continue }
                    checksum &+= (message.textPlain?.utf8.count ?? 0) &+ (message.html?.utf8.count ?? 0)
                    checksum &+= message.attachments.count &+ message.from.count &+ message.to.count &+ message.cc.count
                    checksum &+= (message.subject?.utf8.count ?? 0) &+ (message.date == nil ? 0 : 1) &+ message.references.count
                }
            }
        })
    }

    // Python's email, in a child process that times its own parsing (start-up excluded).
    let listPath = NSTemporaryDirectory() + "leadline-bench-mime-\(getpid()).txt"
    try paths.joined(separator: "\n").write(toFile: listPath, atomically: true, encoding: .utf8)
    defer { unlink(listPath) }
    let script = """
    import sys, time, email, email.policy
    from email.parser import BytesParser
    paths = open(sys.argv[1]).read().split("\\n"); iterations = int(sys.argv[2])
    data = [open(p, 'rb').read() for p in paths]
    parser = BytesParser(policy=email.policy.default)
    def text(part):
        try: return part.get_content() if part is not None else None
        except Exception: return None
    def addresses(m, name):
        try:
            h = m[name]
            return [(a.display_name, a.addr_spec) for a in h.addresses] if h is not None else []
        except Exception: return []
    def leaves(part, out):
        if part.get_content_maintype() == 'message' or not part.is_multipart(): out.append(part); return
        for sub in part.iter_parts(): leaves(sub, out)
    checksum = 0
    start = time.perf_counter()
    for _ in range(iterations):
        for raw in data:
            m = parser.parsebytes(raw)
            plain = m.get_body(('plain',)); html = m.get_body(('html',))
            tp = text(plain); th = text(html)
            atts = []
            out = []; leaves(m, out)
            for p in out:
                if p is plain or p is html: continue
                if p.is_attachment() or p.get_filename() or p.get_content_maintype() != 'text':
                    size = None if p.get_content_maintype() == 'message' else len(p.get_payload(decode=True) or b'')
                    atts.append((p.get_filename(), p.get_content_type(), size))
            try: d = m['date'].datetime if m['date'] is not None else None
            except Exception: d = None
            subject = str(m['subject']) if m['subject'] is not None else None
            refs = str(m['references'] or '').split()
            checksum += len(tp or '') + len(th or '') + len(atts) + len(addresses(m, 'from')) + len(addresses(m, 'to'))
            checksum += len(addresses(m, 'cc')) + len(subject or '') + (d is not None) + len(refs) + len(str(m['message-id'] or ''))
    print("seconds", time.perf_counter() - start, "checksum", checksum)
    """
    var pythonTimes: [Double] = []
    var pythonPeak = 0.0
    for _ in 0 ..< runs {
        let child = try runChild(["python3", "-c", script, listPath, String(iterations)])
        guard child.status == 0, let line = child.output.split(separator: "\n").last(where: { $0.hasPrefix("seconds ") }),
              let seconds = Double(line.split(separator: " ")[1]) else {
            throw BenchError("python3 email benchmark failed: \(child.output.suffix(400))")
        }
        pythonTimes.append(seconds)
        pythonPeak = max(pythonPeak, child.peakMemoryMiB)
    }
    let ours = median(leadlineTimes)
    let theirs = median(pythonTimes)
    let ratio = ours / theirs
    print("leadline:     median \(fmt(ours, 3)) s, \(fmt(totalBytes / 1_048_576 / ours, 1)) MB/s, \(fmt(totalMessages / ours, 0)) messages/s, peak \(fmt(peakMemoryMiB(), 1)) MiB (checksum \(checksum))")
    print("python-email: median \(fmt(theirs, 3)) s, \(fmt(totalBytes / 1_048_576 / theirs, 1)) MB/s, \(fmt(totalMessages / theirs, 0)) messages/s, peak \(fmt(pythonPeak, 1)) MiB")
    print("mime: leadline \(fmt(totalBytes / 1_048_576 / ours, 1)) MB/s \(fmt(totalMessages / ours, 0)) msg/s, python-email \(fmt(totalBytes / 1_048_576 / theirs, 1)) MB/s \(fmt(totalMessages / theirs, 0)) msg/s; time ratio \(fmt(ratio, 3)) vs python-email")
}
