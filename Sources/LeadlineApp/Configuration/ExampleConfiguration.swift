/// The commented example configuration that `leadline init` writes: the text of `Config/leadline.example.yml`
/// (a test keeps the two identical), embedded so the installed binary needs no resource files.
public enum ExampleConfiguration {
    /// The file name `leadline init` writes.
    public static let fileName = "leadline.yml"

    /// The YAML text.
    public static let yaml = #"""
# Leadline configuration.
#
# Relative paths in this file are resolved against the folder this file is in
# (so `../var/leadline.sqlite` next to `Config/leadline.yml` is `var/leadline.sqlite`).
# `~/` means your home folder. Unknown keys are errors, so a typo never goes unnoticed.
#
# Passwords and tokens never go in this file: name an environment variable
# (password_env / oauth2_token_env) or a file (password_file / oauth2_token_file)
# that holds them. Check the file with `leadline check`.

# The SQLite database holding leads, messages and their timelines.
database: ../var/leadline.sqlite

# How often the worker looks for new mail: seconds, or 30s / 5m / 1h (10s to 24h). Default 5m.
poll_interval: 5m

# trace, debug, info, notice, warning, error or critical. Default info.
log_level: info

accounts:
  # A real mailbox: inquiries read over IMAP, replies sent over SMTP.
  - name: sales                                # letters, digits, - and _; names the account in logs
    address: sales@supplier.example            # the account's own address; replies come from it
    display_name: Supplier Sales Team          # sender name on replies (optional)
    imap:
      url: "imaps://imap.example.com:993"      # imaps:// (TLS) or imap:// (STARTTLS is then required)
      username: "sales@supplier.example"
      password_env: LEADLINE_SALES_PASSWORD    # or password_file: /run/secrets/sales-password
      # oauth2_token_env: LEADLINE_SALES_TOKEN # instead of a password, for Gmail / Microsoft 365 (XOAUTH2)
      mailboxes: [INBOX]                       # mailboxes to read; default [INBOX]
      allow_insecure: false                    # true permits plain IMAP without TLS: loopback tests only
      # ca_file: certs/company-ca.pem          # verify the server with this CA bundle instead of the system's
      # mark_processed: true                   # leave processed mail \Seen (default: unseen mail stays unseen)
      # sent_mailbox: Sent                     # copy sent replies here; after a crash, look here before resending
      # connections: 3                         # IMAP connections a first sync fetches over (1-10; default 3)
    smtp:
      url: "smtps://smtp.example.com:465"      # smtps:// (TLS) or smtp://host:587 (STARTTLS is then required)
      username: "sales@supplier.example"
      password_env: LEADLINE_SALES_PASSWORD
      allow_insecure: false

  # A local folder instead of a server: handy for trying Leadline out.
  # - name: demo
  #   address: demo@supplier.example
  #   source: { maildir: sample-inbox }        # a Maildir (cur/ new/ tmp/), or eml_dir: a folder of .eml files
  #   outbox: { directory: ../var/outbox }     # replies written as .eml files instead of sent over SMTP

# Automatic acknowledgements and follow-up sequences. Without this section Leadline records leads and sends nothing.
replies:
  templates: ../Templates                     # one folder per sequence step (leadline templates lint)
  sequences: sequences.yml                    # steps, delays and send windows per kind of buyer
  company: Supplier Co., Ltd                  # {{our_company}}
  # salesperson: Anna Kowalska                # {{salesperson_name}}; default: the account's display_name
  # signature: |-                             # {{salesperson_signature}}; default: the name and the company
  #   Anna Kowalska
  #   Export Sales Manager
  # auto_reply_interval_days: 7               # RFC 3834: no second automatic reply to one address within this
  # acknowledge_max_age_days: 14              # older inquiries are left to a person (0: no limit)

"""#
}
