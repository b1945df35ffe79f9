import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.BankAccount`.
enum BankAccountHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(BankAccountAPI.interface)

        table.register(BankAccountAPI.create) { request, call in
            let from = try CivilDate.parseRecorded(request.effectiveFrom, field: "effectiveFrom")
            let stored = try await database.createBankAccount(
                tenant: TenantReference(request.tenant), accountName: request.accountName, bank: request.bank, number: request.number,
                effectiveFrom: from, today: call.state.today(), context: call.change())
            return BankAccountAPI.CreateReply(account: wire(stored))
        }

        table.register(BankAccountAPI.list) { request, _ in
            BankAccountAPI.ListReply(accounts: try await database.bankAccounts(tenant: request.tenant.map(TenantReference.init)).map(wire))
        }
    }

    static func wire(_ stored: StoredBankAccount) -> BankAccountAPI.Account {
        BankAccountAPI.Account(
            id: stored.id, tenant: stored.tenant, tenantName: stored.tenantName, accountName: stored.account.accountName,
            bank: stored.account.bank, number: stored.account.number.digits, effectiveFrom: stored.account.effectiveFrom.description,
            recordedAt: stored.recordedAt, recordedBy: stored.recordedBy)
    }
}
