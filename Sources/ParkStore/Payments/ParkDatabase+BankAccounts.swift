import GRDB
import ParkCore

/// A tenant's bank account as recorded.
public struct StoredBankAccount: Sendable, Equatable {
    public var id: Int64
    public var tenant: Int64
    public var tenantName: String
    public var account: BankAccount
    public var recordedAt: String
    public var recordedBy: String
}

extension ParkDatabase {
    /// Records a new account of a tenant, decided against its registered name and its history.
    public func createBankAccount(
        tenant reference: TenantReference, accountName: String, bank: String, number: String, effectiveFrom: CivilDate, today: CivilDate,
        context: ChangeContext
    ) async throws -> StoredBankAccount {
        try await write(context) { db in
            let tenant = try ParkDatabase.loadTenant(db, reference)
            let history = try ParkDatabase.bankAccounts(db, tenant: tenant.id).map(\.account)
            var holders: [String: (tenant: Int64, name: String)] = [:]
            for other in try ParkDatabase.bankAccounts(db, tenant: nil) where other.tenant != tenant.id {
                holders[other.account.number.digits] = (other.tenant, other.tenantName)
            }
            let account = try BankAccount.decide(
                accountName: accountName, bank: bank, number: number, effectiveFrom: effectiveFrom, registeredName: tenant.tenant.name,
                history: history, lastTaken: try ParkDatabase.lastBatchTaking(db, tenant: tenant.id), today: today,
                holder: { holders[$0.digits] })
            var record = BankAccountRecord(
                id: nil, tenantId: tenant.id, accountName: account.accountName, bank: account.bank, accountNumber: account.number.digits,
                effectiveFrom: account.effectiveFrom.description, recordedAt: context.at, recordedBy: context.recordedBy)
            try record.insert(db)
            return StoredBankAccount(
                id: record.id!, tenant: tenant.id, tenantName: tenant.tenant.name, account: account, recordedAt: context.at,
                recordedBy: context.recordedBy)
        }
    }

    /// The latest payment batch, not cancelled, that took one of the tenant's accounts, the day
    /// whose account it took, and whether it is approved.
    static func lastBatchTaking(_ db: Database, tenant: Int64) throws -> (batch: Int64, on: CivilDate, approved: Bool)? {
        let latest = try Row.fetchOne(db, sql: """
            SELECT paymentBatch.id, paymentBatch.createdOn, paymentBatch.status FROM paymentItem JOIN paymentBatch ON paymentBatch.id = paymentItem.paymentBatchId
            WHERE paymentItem.tenantId = ? AND paymentBatch.status <> 'cancelled'
            ORDER BY paymentBatch.createdOn DESC, paymentBatch.id DESC LIMIT 1
            """, arguments: [tenant])
        guard let latest else { return nil }
        guard let day = try? CivilDate.parse(latest["createdOn"] as String, field: "createdOn") else {
            throw StoreError.unreadable("paymentBatch \(latest["id"] as Int64)", "a day")
        }
        return (latest["id"], day, latest["status"] as String == "approved")
    }

    /// Every account recorded, or a tenant's, by tenant then effective day.
    public func bankAccounts(tenant reference: TenantReference?) async throws -> [StoredBankAccount] {
        try await read { db in
            let tenant = try reference.map { try ParkDatabase.loadTenant(db, $0).id }
            return try ParkDatabase.bankAccounts(db, tenant: tenant)
        }
    }

    static func bankAccounts(_ db: Database, tenant: Int64?) throws -> [StoredBankAccount] {
        let request: SQLRequest<Row> = """
            SELECT bankAccount.*, tenant.name AS tenantName FROM bankAccount JOIN tenant ON tenant.id = bankAccount.tenantId
            \(SQL.whereClause([tenant.map { "bankAccount.tenantId = \($0)" }]))
            ORDER BY bankAccount.tenantId, bankAccount.effectiveFrom
            """
        return try request.fetchAll(db).map { row in
            let record = try BankAccountRecord(row: row)
            guard let day = try? CivilDate.parse(record.effectiveFrom, field: "effectiveFrom") else {
                throw StoreError.unreadable("bankAccount \(record.id ?? 0)", "an effective day")
            }
            return StoredBankAccount(
                id: record.id ?? 0, tenant: record.tenantId, tenantName: row["tenantName"],
                account: BankAccount(
                    accountName: record.accountName, bank: record.bank, number: BankAccountNumber(digits: record.accountNumber),
                    effectiveFrom: day),
                recordedAt: record.recordedAt, recordedBy: record.recordedBy)
        }
    }
}
