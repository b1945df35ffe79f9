import Foundation
import Logging
import ParkCore
@testable import ParkDaemon
import Synchronization
import Testing

/// Keeps what is logged, one line an entry: `LEVEL message zone=… field=…`.
private struct KeepingLogHandler: LogHandler {
    let keeper: LogKeeper
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).filter { $0.key != "error" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        keeper.lines.withLock { $0.append(([event.level.rawValue, "\(event.message)"] + fields).joined(separator: " ")) }
    }
}

private final class LogKeeper: Sendable {
    let lines = Mutex<[String]>([])
    var logger: Logger { Logger(label: "test") { _ in KeepingLogHandler(keeper: self) } }
}

@Suite("The scheduler's time zones")
struct SchedulerZoneTests {
    static let config = """
        park:
          time_zone: Asia/Shanghai
        timers:
          - name: berlin-backup
            on_calendar: "*-*-* 02:00 Europe/Berlin"
            action: backup
        """

    /// 2026-01-01 20:00 UTC, 2 January in Shanghai.
    static let newYearEvening: Int64 = 1_767_297_600 * 1_000_000

    @Test("the zones the configuration names are read from the system's database, and nothing is logged")
    func zonesRead() throws {
        let keeper = LogKeeper()
        let context = TimerScheduler.context(
            config: try ConfigLoader.parse(Self.config, file: "t.yaml"), calendar: .empty, zones: ZoneInfoDirectory(), logger: keeper.logger)
        #expect(context.localDate(of: Self.newYearEvening).description == "2026-01-02")
        #expect(context.zones.keys.sorted() == ["Europe/Berlin"])
        #expect(keeper.lines.withLock { $0 } == [])
    }

    @Test("a zone of the right/ tree, which counts leap seconds, is refused naming the zone to give instead")
    func leapSecondZones() throws {
        #expect(throws: DomainError.invalid("timeZone", "'right/UTC' counts leap seconds, which parkd does not: name the zone without 'right/' ('UTC')")) {
            try ZoneInfoDirectory().rules(named: "right/UTC", field: "timeZone")
        }
        _ = try ZoneInfoDirectory().rules(named: "Europe/Berlin", field: "timeZone")
    }

    @Test("today and the start of a day are the park's as the system's zone database has it, across a change of the clocks, and follow a reload")
    func parkDays() throws {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        var config = DaemonConfig()
        config.timeZone = "America/New_York"
        // 2021-03-14T06:30Z: 01:30 in New York, the night its clocks go forward at 02:00.
        let state = DaemonState(
            config: config, source: .embeddedDefaults, socketDescription: "test", logLevel: LogLevelControl(.critical), logger: logger,
            now: { Date(timeIntervalSince1970: 1_615_703_400) })
        #expect(state.today().description == "2021-03-14")
        #expect(state.startOfDay(CivilDate(year: 2021, month: 3, day: 14)!) == "2021-03-14T05:00:00.000Z")
        #expect(state.startOfDay(CivilDate(year: 2021, month: 3, day: 15)!) == "2021-03-15T04:00:00.000Z", "23 hours later")
        config.timeZone = "Asia/Shanghai"
        state.apply(config)
        #expect(state.today().description == "2021-03-14")
        #expect(state.startOfDay(CivilDate(year: 2021, month: 3, day: 15)!) == "2021-03-14T16:00:00.000Z")
    }

    @Test("a zone whose file is gone since the configuration was read is logged, never dropped silently")
    func zoneGone() throws {
        let config = try ConfigLoader.parse(Self.config, file: "t.yaml")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-zoneinfo-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let keeper = LogKeeper()
        let context = TimerScheduler.context(config: config, calendar: .empty, zones: ZoneInfoDirectory(path: empty), logger: keeper.logger)
        #expect(context.localDate(of: Self.newYearEvening).description == "2026-01-01", "counted in UTC")
        #expect(context.zones.isEmpty)
        #expect(keeper.lines.withLock { $0 }.sorted() == [
            "error a time zone of the scheduled jobs cannot be read; their hours are counted in another zone field=timers zone=Europe/Berlin",
            "error the park's time zone cannot be read; its days and hours are counted in UTC zone=Asia/Shanghai",
        ])
    }
}
