import ArgumentParser
import Foundation
import LeadlineApp

/// `leadline init [DIR]`: writes the commented example configuration.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented example configuration (DIR/leadline.yml); never overwrites.")

    @Argument(help: ArgumentHelp("The folder to write leadline.yml into.", valueName: "dir"))
    var directory: String = "Config"

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let file = folder.appendingPathComponent(ExampleConfiguration.fileName)
        guard !FileManager.default.fileExists(atPath: file.path) else {
            Console.error("\(file.relativePath) already exists; not overwriting it. Edit it, or choose another folder.")
            throw ExitCode(2)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(ExampleConfiguration.yaml.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw Console.failure("cannot write \(file.relativePath): \(error.localizedDescription)")
        }
        Console.print("""
            Wrote \(file.relativePath). Edit the accounts, put the passwords in the environment variables it names,
            then check it with: leadline check --config \(file.relativePath)\n
            """)
    }
}
