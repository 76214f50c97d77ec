import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineCore
import LeadlineMIME

/// `leadline templates lint` and `leadline templates preview STEP (--lead ID | --file X.eml) [--lang L]`.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "Check the reply templates, or show one rendered.",
        subcommands: [Lint.self, Preview.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report malformed templates, unknown variables and partials, and missing languages, with file and line.")
        @OptionGroup var options: ConfigOptions
        @Option(help: "The templates folder (default: replies.templates of the configuration).")
        var templates: String?

        func run() throws {
            let folder = try templates ?? configuredReplies(options).templates
            let files: [TemplateFile]
            do { files = try TemplateLoader.load(folder: folder) } catch { throw Console.failure("\(error)") }
            let findings = TemplateLinter.lint(TemplateCatalog(files: files))
            for finding in findings { Console.print("\(folder)/\(finding)\n") }
            let errors = findings.filter { $0.severity == .error }.count
            Console.print("\(files.count) template files: \(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")\n")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Render one step for a stored lead or an inquiry file.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The step, like serious_buyer/1-acknowledge.", valueName: "step"))
        var step: String
        @Option(help: ArgumentHelp("A stored lead's number or address.", valueName: "id-or-address"))
        var lead: String?
        @Option(help: ArgumentHelp("An inquiry as an .eml file.", valueName: "path"))
        var file: String?
        @Option(help: ArgumentHelp("The language (en, es, pt, fr, pl, ru, ar, tr, zh); default: the buyer's.", valueName: "code"))
        var lang: String?

        func validate() throws {
            guard (lead == nil) != (file == nil) else { throw ValidationError("give exactly one of --lead ID or --file X.eml") }
        }

        func run() throws {
            let configuration = try options.load()
            let replies = try configuredReplies(options)
            guard let account = configuration.accounts.first else { throw Console.failure("no account configured") }
            do {
                let kit = try SequenceKit.load(replies)
                let rendered: RenderedMessage
                if let lead {
                    rendered = try TemplatePreview.render(step: step, leadReference: lead, language: lang, kit: kit,
                                                          account: account, database: try options.openStore())
                } else {
                    let message = try ClassifierFiles.readMessage(file!, parser: MIMEParser())
                    let classifier = LeadClassifier(model: try LeadModel.bundled())
                    rendered = try TemplatePreview.render(step: step, message: message, classifier: classifier,
                                                          language: lang, kit: kit, account: account)
                }
                Console.print("Language: \(rendered.language)\nSubject: \(rendered.subject)\n\n\(rendered.textBody)\n")
            } catch let error as ExitCode {
                throw error
            } catch {
                throw Console.failure("\(error)")
            }
        }
    }
}

/// The configuration's `replies:` section, or a usage error saying how to add it.
func configuredReplies(_ options: ConfigOptions) throws -> RepliesConfiguration {
    let configuration = try options.load()
    guard let replies = configuration.replies else {
        Console.error("\(configuration.file): no replies: section (templates:, sequences:, company:); see Config/leadline.example.yml")
        throw ExitCode(2)
    }
    return replies
}
