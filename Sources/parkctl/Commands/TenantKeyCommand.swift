import ArgumentParser
import ParkControl

extension TenantCommand {
    /// `tenant key add|issue|list|revoke`: the keys that authenticate a tenant's submissions.
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Ed25519 keys that authenticate a tenant's submissions: add, issue, list, revoke.",
            discussion: "parkd stores only public keys: a copied database cannot forge a submission.",
            subcommands: [Add.self, Issue.self, List.self, Revoke.self])
    }
}

extension TenantCommand.Key {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Record a public key the tenant made (admin); prints its key id.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Tenant id or credit code.") var tenant: String
        @Argument(help: "The public key: base64 of its raw 32 bytes.") var publicKey: String
        @Option(parsing: .unconditional, help: "A note saying where the key is used.") var label: String?

        static let fieldOptions: FieldOptions = ["tenant": "TENANT", "publicKey": "PUBLIC-KEY", "label": "--label"]

        func run() async throws {
            try await respond(TenantKeyAPI.create, TenantKeyAPI.Create(tenant: tenant, publicKey: publicKey, label: label), json: \.key) { reply in
                "key \(reply.key.keyId) recorded for tenant \(reply.key.tenant) (\(reply.key.creditCode))"
            }
        }
    }

    struct Issue: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a key pair for a tenant (admin): prints the private key once; parkd keeps only the public key.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Tenant id or credit code.") var tenant: String
        @Option(parsing: .unconditional, help: "A note saying where the key is used.") var label: String?

        static let fieldOptions: FieldOptions = ["tenant": "TENANT", "label": "--label"]

        func run() async throws {
            try await respond(TenantKeyAPI.issue, TenantKeyAPI.Issue(tenant: tenant, label: label)) { reply in
                """
                key \(reply.key.keyId) issued to tenant \(reply.key.tenant) (\(reply.key.creditCode))
                public key:  \(reply.key.publicKey)
                private key: \(reply.privateKey)
                the private key is shown this once: hand it to the tenant; parkd keeps no copy
                """
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys, or one tenant's, revoked ones included.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Tenant id or credit code.") var tenant: String?

        static let fieldOptions: FieldOptions = ["tenant": "TENANT"]

        func run() async throws {
            try await respond(TenantKeyAPI.list, TenantKeyAPI.List(tenant: tenant)) { reply in
                var table = Table(columns: [
                    .init(title: "KEY ID"), .init(title: "TENANT", alignment: .right), .init(title: "CREDIT CODE"), .init(title: "ORIGIN"),
                    .init(title: "LABEL"), .init(title: "ADDED BY"), .init(title: "STATUS"),
                ])
                for key in reply.keys {
                    table.add([
                        key.keyId, String(key.tenant), key.creditCode, key.origin, key.label, key.addedBy,
                        key.revokedAt.map { "revoked \($0)" } ?? "in force",
                    ])
                }
                return table.render(orIfEmpty: "no tenant keys")
            }
        }
    }

    struct Revoke: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key (admin): submissions signed with it are refused from then on.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The key's id (KEY ID in `tenant key list`).") var keyId: String
        @Option(parsing: .unconditional, help: "Why.") var reason: String

        static let fieldOptions: FieldOptions = ["keyId": "KEY-ID", "reason": "--reason"]

        func run() async throws {
            try await respond(TenantKeyAPI.revoke, TenantKeyAPI.Revoke(keyId: keyId, reason: reason), json: \.key) { reply in
                "key \(reply.key.keyId) of tenant \(reply.key.tenant) revoked"
            }
        }
    }
}
