import ArgumentParser
import Foundation

/// `leadline backup PATH`: an online copy of the database, safe while the worker runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to PATH, safely while the worker runs.",
        discussion: "The copy is one consistent snapshot; an existing file at PATH is replaced only by a complete copy.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "path"))
    var path: String

    func run() throws {
        let store = try options.openStore()
        do {
            try store.backup(to: path)
        } catch {
            throw Console.failure("\(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int).flatMap { $0 } ?? 0
        Console.print("Backed up to \(path) (\(String(format: "%.1f", Double(size) / 1_048_576)) MiB).\n")
    }
}
