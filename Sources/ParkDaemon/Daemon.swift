import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore
import ServiceLifecycle
import UnixSignals

/// Builds and runs the daemon: database, admin channel, reload on SIGHUP, graceful shutdown.
public enum Daemon {
    public static let databaseFileName = "parkd.sqlite"
    /// The method the audit trail records a schema upgrade under: parkd's own, with the migrations run.
    static let upgradeMethod = "io.parkd.Service.Upgrade"

    /// Raises the soft limit on open files to the hard one and returns it: every connection holds
    /// a descriptor, and parkd waits with epoll, never select(), so a high limit is safe (what
    /// systemd.exec(5) advises for such services).
    static func raiseOpenFileLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return UInt64(limit.rlim_cur)
    }

    public static func run(options: DaemonOptions, config: DaemonConfig, logLevel: LogLevelControl, logger: Logger) async throws {
        let openFiles = raiseOpenFileLimit()
        // The park's database, its log and the lock file are for parkd (and its group) only,
        // whatever umask it was started with (make run inherits the shell's, often 022).
        umask(0o027)
        // Checked before anything is made: a socket parkd cannot serve leaves the state directory as it was.
        let activated = try ControlSocket.activated()
        if activated == nil {
            _ = try checkSocketGroup(config)
            try ControlServer.refuseServed(config.socketPath)
        }
        if let activated, !activated.closed.isEmpty {
            logger.warning("systemd passed sockets beside the one named control; they are closed, as parkd serves one", metadata: [
                "sockets": "\(activated.closed.joined(separator: ", "))",
            ])
        }
        let stateDirectory = try StateDirectory(config.stateDirectory, databaseFile: databaseFileName)
        let databasePath = stateDirectory.databasePath
        let lock = try StateDirectoryLock(directory: config.stateDirectory)
        defer { withExtendedLifetime(lock) {} }
        // The lock held, no restore runs: a copy one left half checked was cut short (killed).
        let interrupted = DatabaseRestore.removeInterrupted(database: databasePath)
        if !interrupted.isEmpty {
            logger.warning("removed what a restore cut short left: the database in place was not replaced", metadata: [
                "files": "\(interrupted.joined(separator: ", "))",
            ])
        }
        let notifier = ServiceNotifier()
        var upgraded: [String] = []
        let auditKey = try AuditKeyFile.load(keyFile: config.auditKeyFile)
        if let (key, path) = auditKey {
            logger.info("the audit trail is sealed with key \(key.id)", metadata: ["key_file": "\(path)"])
        } else {
            logger.warning("the audit trail is not sealed: no audit key (\(config.auditKeyFile) is missing, and no credential audit-key); anyone who can write the database could recompute its hashes. Create one with parkd --generate-audit-key \(config.auditKeyFile)")
        }
        let database: ParkDatabase
        do {
            database = try ParkDatabase(
                path: databasePath,
                busyTimeout: Double(config.databaseBusyTimeoutSeconds), auditKey: auditKey?.0,
                willUpgrade: { pending in
                    upgraded = pending
                    logger.notice("upgrading the database schema", metadata: NotableEvent.databaseUpgrade.metadata([
                        "migrations": "\(pending.joined(separator: ","))",
                    ]))
                    notifier.extendTimeout(seconds: 300)
                    notifier.status("Upgrading the database schema (\(pending.joined(separator: ", ")))")
                })
        } catch let refused as StoreError {
            // A database a newer parkd wrote, or one that is no database, stays so however
            // often parkd starts: exit 78, not a restart every two seconds.
            switch refused {
            case .schemaTooNew, .unusable: throw DatabaseRefused(refusal: refused)
            default: throw refused
            }
        }
        try stateDirectory.confirmOpened()
        // Before anything is written: a trail sealed with a key parkd does not hold is not written to.
        let newestSeal = try await database.newestAuditSeal()
        if let refusal = AuditKeyChange.refusal(newestSealedWith: newestSeal, held: auditKey?.0.id, changeAccepted: options.auditKeyChanged) {
            throw StateDirectoryRefused(path: auditKey?.1 ?? config.auditKeyFile, reason: refusal)
        }
        // Made once the database is known to be this parkd's: a refused one leaves the state
        // directory as it was.
        let receiptKey = try ReceiptKeyFile.loadOrCreate(in: config.stateDirectory)
        if receiptKey.created {
            logger.notice(
                "created the park's receipt key \(receiptKey.key.publicKey.keyId)",
                metadata: ["key_file": "\(config.stateDirectory)/\(ReceiptKeyFile.fileName)"])
        }
        if stateDirectory.databaseIsNew {
            logger.notice("created a new, empty park database", metadata: ["database": "\(databasePath)"])
        }
        let keyId = receiptKey.key.publicKey.keyId
        if let named = try await database.latestReceiptKeyId(), named != keyId {
            logger.warning(
                "the park's receipt key \(keyId) is not the one its receipts name (\(named)): put back the receipt-key kept with the backup, or tenants cannot check receipts signed from now on against the key they know",
                metadata: ["key_file": "\(config.stateDirectory)/\(ReceiptKeyFile.fileName)"])
        }
        let socket = activated?.socket ?? .path(config.socketPath, mode: config.socketMode, group: config.socketGroup)
        let clock = DaemonClock.fromEnvironment()
        let state = DaemonState(
            config: config, source: options.configSource, socketDescription: socket.description, logLevel: logLevel, logger: logger,
            receiptKey: receiptKey.key.publicKey, now: clock.now)
        // A restore done while parkd was stopped comes first in what this start records.
        try await RestoreNote.record(stateDirectory: config.stateDirectory, database: database, key: auditKey?.0, at: state.instant(), logger: logger)
        if let newestSeal, newestSeal != auditKey?.0.id {
            logger.critical("the audit trail was sealed with audit key \(newestSeal), and parkd writes on \(auditKey.map { "with key \($0.0.id)" } ?? "without a key") as --audit-key-changed allows: audit verify fails from the next entry on")
            // Recorded at once, so the trail says so and the next start needs no flag.
            let changed = AuditedCall(
                uid: Int64(getuid()), user: "parkd", pid: Int64(getpid()), method: ParkDatabase.keyChangedMethod,
                parameters: #"{"from":"\#(newestSeal)","to":\#(auditKey.map { "\"\($0.0.id)\"" } ?? "null")}"#)
            try await database.recordCall(changed, at: state.instant(), outcome: "ok")
        }
        if !upgraded.isEmpty {
            // An upgrade may change what was recorded (v20 gives reviewed applications their
            // decisions' verdicts): the trail says which migrations ran, and when.
            let upgrade = AuditedCall(
                uid: Int64(getuid()), user: "parkd", pid: Int64(getpid()), method: Self.upgradeMethod,
                parameters: JSONValue.object(["migrations": .array(upgraded.map { .string($0) })]).canonicalText)
            try await database.recordCall(upgrade, at: state.instant(), outcome: "ok")
        }
        if let sealing = try await database.sealAuditTrail(at: state.instant(), uid: Int64(getuid()), pid: Int64(getpid())) {
            if let lastSealed = sealing.lastSealedBefore {
                logger.critical("the audit trail's newest entries, after entry \(lastSealed), were not sealed though entries before them were: written without the key (--audit-key-changed) or forged; audit verify fails at entry \(lastSealed + 1) whatever is sealed after it. parkd seals the trail again from entry \(sealing.sealedFrom)")
            } else {
                logger.notice("sealed the audit trail with its key: entry \(sealing.sealedFrom) is the first sealed entry")
            }
        }
        if let clockFile = clock.clockFile {
            logger.warning("the clock is read from \(clockFile) (\(DaemonClock.environmentVariable)), not the system's: for tests only")
        }
        if let warning = state.access.missingGroupsWarning {
            // One GROUP field per group in the journal, so `journalctl GROUP=parkd-admin` finds it.
            logger.warning("\(warning)", metadata: NotableEvent.groupMissing.metadata([
                "group": .array(state.access.missingGroups.map { .string($0) }),
            ]))
        }

        // Only a database an earlier parkd wrote can hold them: looked for once, on the upgrade.
        let twice = upgraded.contains("v6-rewardAmountsOnce") ? try await database.amountsApprovedTwice() : []
        if !twice.isEmpty {
            logger.warning("approved reward runs hold the same first amount more than once; settle them with finance", metadata: [
                "amounts": "\(twice.joined(separator: "; "))",
            ])
        }

        let policies = PolicyRegistry()
        await policies.loadAtStart(
            directory: config.policyDirectory, database: database, repriceApproved: config.repriceApproved, at: state.instant(), logger: logger)
        let calendar = CalendarRegistry()
        let calendarRefused = calendar.load(directory: config.calendarDirectory, logger: logger)
        // Shown by `parkctl status` as a reload refused would be, until a reload puts files in force.
        let refusedAtStart = [
            policies.rejected.map { "policies refused at start (those last recorded stay in force): \($0)" },
            calendarRefused.map { "calendar refused at start: \($0)" },
        ].compactMap { $0 }
        if !refusedAtStart.isEmpty {
            state.rejectReload(refusedAtStart.joined(separator: "; ").split(separator: "\n").joined(separator: "; "))
        }
        let backups = Backups(database: database, stateDirectory: config.stateDirectory)
        let scheduler = TimerScheduler(
            database: database, state: state, calendar: calendar,
            jobs: ScheduledJobs(
                database: database, rewardRuns: RewardRuns(database: database, policies: policies, logger: logger), backups: backups,
                notices: RewardNotices(database: database, calendar: calendar, state: state, logger: logger),
                reviewNotices: ReviewNotices(database: database, calendar: calendar, state: state, logger: logger), state: state),
            logger: logger, recorded: try await TimerScheduler.recorded(database: database, state: state, logger: logger))

        let (serving, nowServing) = AsyncStream<Void>.makeStream()
        let submissions = TenantSubmissions(
            database: database, state: state, receiptKey: receiptKey.key,
            spool: Spool(
                root: config.intake.spool(stateDirectory: config.stateDirectory),
                outboxAccess: OutboxAccess(tenantUploaders: config.intake.tenantUploaders, uploaders: Uploaders(group: config.intake.uploaderGroup))))
        let intakeCounters = IntakeCounters()
        let feed = EventCalendarFeed(database: database, state: state, zones: ZoneInfoDirectory(), logger: logger)
        // The feed as the database holds it (events changed by an earlier parkd, or restored).
        await feed.refresh()
        let server = ControlServer(
            socket: socket,
            dispatcher: Dispatcher(
                table: methodTable(
                    database: database, state: state, policies: policies, calendar: calendar, scheduler: scheduler, backups: backups,
                    submissions: submissions, intakeCounters: intakeCounters, feed: feed, logger: logger),
                state: state, database: database, logger: logger),
            state: state, logger: logger,
            onListening: {
                logger.notice("parkd started", metadata: NotableEvent.started.metadata([
                    "socket": "\(socket)", "database": "\(database.path)", "config": "\(options.configSource)",
                    "open_files_limit": "\(openFiles)",
                ]))
                state.phase = .serving
                notifier.ready(status: "Serving on \(socket)")
                nowServing.yield()
                nowServing.finish()
            },
            onShutdown: {
                state.phase = .stopping
                logger.notice("parkd stopping", metadata: NotableEvent.stopping.metadata())
                notifier.stopping()
            })
        // Listening (not yet accepting) before any service starts: a socket parkd cannot have
        // stops it here, with nothing to cancel.
        try await server.listen()
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: DatabaseService(database: database, logger: logger)),
                .init(service: IntegrityCheck(database: database, state: state, serving: serving, logger: logger)),
                .init(service: Supervision(
                    database: database, databaseIdentity: stateDirectory.database, state: state, calendar: calendar, notifier: notifier, logger: logger,
                    watchdogInterval: ServiceNotifier.watchdogInterval())),
                .init(service: server),
                .init(service: ReloadService(
                    options: options, state: state, policies: policies, calendar: calendar, scheduler: scheduler, database: database,
                    feed: feed, notifier: notifier,
                    logger: logger,
                    // Trapped now, before anything can announce readiness: a SIGHUP sent right
                    // after READY=1 must not find the signal untrapped.
                    hangups: await UnixSignalsSequence(trapping: .sighup))),
                .init(service: SchedulerService(scheduler: scheduler, clockFile: clock.clockFile, logger: logger)),
            ] + (config.intake.enabled
                ? [.init(service: IntakeService(submissions: submissions, config: config.intake, counters: intakeCounters, logger: logger))] : []),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }

    /// Writes a new audit key to `path`; its id.
    public static func generateAuditKey(at path: String) throws -> String {
        try AuditKeyFile.generate(at: path)
        guard let (key, _) = try AuditKeyFile.load(keyFile: path, environment: [:]) else {
            throw AuditKeyRefused(path: path, reason: "vanished as soon as it was written")
        }
        return key.id
    }

    /// Checks the policy directory as a reload would; the ids of its policies.
    public static func checkPolicies(directory: String) throws -> [String] {
        try PolicyRegistry.read(directory: directory).policies.map(\.id)
    }

    /// Checks the calendar directory as a reload would; the years it covers (`2018–2026`), or
    /// nil when it covers none.
    public static func checkCalendar(directory: String) throws -> String? {
        let years = try CalendarRegistry.read(directory: directory).years
        return years.isEmpty ? nil : CalendarRegistry.describe(years)
    }

    /// Checks that `socket.group`, when set, names a group parkd can give its socket to (as it
    /// does when it binds the socket itself); what was checked.
    public static func checkSocketGroup(_ config: DaemonConfig) throws -> String {
        guard let group = config.socketGroup else { return "socket.group: none (the socket keeps parkd's group)" }
        guard AccessPolicy.groupID(group) != nil else {
            throw ControlSocketError(description: "socket.group '\(group)' does not exist: parkd could not give its socket to it, and would not start")
        }
        return "socket.group \(group) exists"
    }

    /// Every method parkd serves.
    static func methodTable(
        database: ParkDatabase, state: DaemonState, policies: PolicyRegistry, calendar: CalendarRegistry, scheduler: TimerScheduler,
        backups: Backups, submissions: TenantSubmissions, intakeCounters: IntakeCounters, feed: EventCalendarFeed, logger: Logger
    ) -> MethodTable {
        var table = MethodTable()
        ServiceHandlers.register(in: &table, database: database, state: state, calendar: calendar, logger: logger)
        TenantHandlers.register(in: &table, database: database)
        UnitHandlers.register(in: &table, database: database)
        LeaseHandlers.register(in: &table, database: database)
        let staging = ImportStaging()
        ReportHandlers.register(in: &table, database: database, staging: staging)
        DemoHandlers.register(in: &table, database: database, staging: staging, feed: feed)
        StatsHandlers.register(in: &table, database: database)
        IncubatorHandlers.register(in: &table, database: database)
        EventHandlers.register(in: &table, database: database, state: state, calendar: calendar, feed: feed)
        ApplicationHandlers.register(in: &table, intake: ApplicationIntake(database: database, state: state, logger: logger))
        BlocklistHandlers.register(in: &table, database: database)
        ReviewHandlers.register(in: &table, database: database)
        ReviewNoticeHandlers.register(in: &table, notices: ReviewNotices(database: database, calendar: calendar, state: state, logger: logger))
        PolicyHandlers.register(in: &table, database: database, policies: policies)
        RewardHandlers.register(in: &table, database: database, policies: policies, logger: logger)
        CalendarHandlers.register(in: &table, calendar: calendar, state: state)
        TimerHandlers.register(in: &table, scheduler: scheduler, database: database)
        BackupHandlers.register(in: &table, backups: backups, database: database, state: state)
        BankAccountHandlers.register(in: &table, database: database)
        TenantKeyHandlers.register(in: &table, database: database)
        SubmissionHandlers.register(in: &table, database: database, submissions: submissions, counters: intakeCounters)
        NoticeHandlers.register(in: &table, database: database, calendar: calendar, state: state, logger: logger)
        PaymentHandlers.register(in: &table, database: database, state: state)
        // These two read the table: the audited methods, and the interfaces.
        AuditHandlers.register(in: &table, database: database)
        ServiceHandlers.registerIntrospection(in: &table)
        return table
    }
}
