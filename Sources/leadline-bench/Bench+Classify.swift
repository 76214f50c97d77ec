import Foundation
import LeadlineCore
import LeadlineMIME

/// `leadline-bench classify [CORPUS_DIR]`: messages classified per second on one core, fact extraction included,
/// over the labelled inquiry corpus (parsed first, then only classification is timed). Reference: the
/// scikit-learn baseline's predict time on the same messages (`Scripts/baseline-sklearn --bench`).
func runClassify(_ arguments: [String]) throws {
    let folder = arguments.first ?? "../shared/corpus/inquiries"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        print("classify: corpus folder \(folder) not found (it lives in ../shared/corpus); skipped")
        return
    }
    let parser = MIMEParser()
    var inputs: [InquiryInput] = []
    for name in names.sorted() where name.hasSuffix(".eml") {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
        if let message = try? parser.parse(Array(data)) { inputs.append(InquiryInput(message: message)) }
    }
    guard !inputs.isEmpty else { throw BenchError("no readable .eml in \(folder)") }
    let classifier = LeadClassifier(model: try LeadModel.bundled())
    // Warm up, then time several rounds over the whole corpus on this thread.
    var sink = 0
    for input in inputs { sink &+= classifier.classify(input).reasons.count }
    var rounds: [Double] = []
    var cpuRounds: [Double] = []
    let repeats = 20
    for _ in 0 ..< 5 {
        let cpuStart = threadCPUSeconds()
        rounds.append(measureSeconds {
            for _ in 0 ..< repeats {
                for input in inputs { sink &+= classifier.classify(input).facts.quantities.count }
            }
        })
        cpuRounds.append(threadCPUSeconds() - cpuStart)
    }
    let perRound = median(rounds)
    let messages = Double(inputs.count * repeats)
    let perMessage = perRound / messages
    let cpuPerRound = median(cpuRounds)
    print("Leadline: \(inputs.count) messages x \(repeats), median of 5 rounds \(fmt(perRound, 3)) s wall "
        + "(\(fmt(cpuPerRound, 3)) s CPU of this thread): \(fmt(messages / perRound, 0)) msgs/s wall, "
        + "\(fmt(messages / cpuPerRound, 0)) msgs/s per CPU second, \(fmt(perMessage * 1e6, 1)) µs/msg wall, "
        + "peak \(fmt(peakMemoryMiB(), 1)) MiB (check \(sink % 7))")

    var reference = "sklearn-baseline unavailable"
    var ratio = "n/a"
    if FileManager.default.isExecutableFile(atPath: "Scripts/baseline-sklearn") {
        let child = try runChild(["python3", "Scripts/baseline-sklearn", "--bench", folder + "/labels.tsv"])
        if child.status == 0, let line = child.output.split(separator: "\n").first(where: { $0.hasPrefix("predict:") }) {
            let words = line.split(separator: " ")
            if words.count >= 5, let count = Double(words[1]), let seconds = Double(words[4]) {
                let refPerMessage = seconds / count
                print("sklearn-baseline: predict \(Int(count)) messages in \(fmt(seconds, 4)) s: "
                    + "\(fmt(count / seconds, 0)) msgs/s (text already extracted; vectorize + predict, batch)")
                reference = "sklearn-baseline"
                ratio = fmt(perMessage / refPerMessage, 3)
            }
        } else {
            print("sklearn-baseline failed (status \(child.status)): \(child.output.suffix(300))")
        }
    }
    print("classify: \(fmt(messages / perRound, 0)) msgs/s wall (\(fmt(messages / cpuPerRound, 0)) per CPU-second) single core "
        + "incl. facts over \(inputs.count) corpus messages; "
        + "time ratio \(ratio) vs \(reference)")
}

/// CPU seconds consumed by the calling thread (user + system), unaffected by other processes on a shared machine.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
