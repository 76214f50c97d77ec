import Foundation
import LeadlineCore
import Yams

/// Everything the sequencer needs from files, loaded once: the templates (handed to the pure renderer and linter)
/// and `Config/sequences.yml` (decoded with Yams, validated by Core against the template folders).
public struct SequenceKit: Sendable {
    public let replies: RepliesConfiguration
    public let catalog: TemplateCatalog
    public let renderer: TemplateRenderer
    public let config: SequencesConfig

    public init(replies: RepliesConfiguration, catalog: TemplateCatalog, renderer: TemplateRenderer, config: SequencesConfig) {
        self.replies = replies
        self.catalog = catalog
        self.renderer = renderer
        self.config = config
    }

    /// Reads the templates folder and the sequences file named by `replies`.
    /// - Throws: ``SequenceKitError`` naming the file and what is wrong.
    public static func load(_ replies: RepliesConfiguration) throws -> SequenceKit {
        let catalog = TemplateCatalog(files: try TemplateLoader.load(folder: replies.templates))
        let renderer: TemplateRenderer
        do {
            renderer = try TemplateRenderer(catalog: catalog)
        } catch {
            throw SequenceKitError(file: replies.templates, problem: error.description)
        }
        let config = try loadSequences(path: replies.sequences, knownSteps: Set(catalog.stepNames))
        return SequenceKit(replies: replies, catalog: catalog, renderer: renderer, config: config)
    }

    /// Decodes and validates a sequences file.
    public static func loadSequences(path: String, knownSteps: Set<String>?) throws -> SequencesConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SequenceKitError(file: path, problem: "cannot read the sequences file: \(error.localizedDescription)")
        }
        let file: SequencesFile
        do {
            file = try YAMLDecoder().decode(SequencesFile.self, from: text)
        } catch {
            throw SequenceKitError(file: path, problem: "not a valid sequences file: \(error)")
        }
        do {
            return try file.validated(knownSteps: knownSteps, file: path)
        } catch {
            throw SequenceKitError(file: path, problem: error.description)
        }
    }
}

/// The templates folder read into ``TemplateFile`` values (paths relative to the folder).
public enum TemplateLoader {
    /// Every `.mustache` file under `folder`, sorted by path.
    /// - Throws: ``SequenceKitError`` when the folder is missing or a file is not UTF-8.
    public static func load(folder: String) throws -> [TemplateFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SequenceKitError(file: folder, problem: "the templates folder does not exist")
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [TemplateFile] = []
        for case let url as URL in walker where url.pathExtension == "mustache" {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                throw SequenceKitError(file: url.path, problem: "cannot read the template as UTF-8 text")
            }
            files.append(TemplateFile(path: relative, text: text))
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// A templates or sequences file that cannot be used, with the file.
public struct SequenceKitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
