import Foundation
import Logging
import ParkCore

/// The system's time-zone database (`/usr/share/zoneinfo`): which names are zones, and their
/// rules. A name is a zone when it is made of letters, digits, `-`, `_`, `+` and single `/`
/// between parts, and names a TZif file, as systemd decides; UTC needs no file.
struct ZoneInfoDirectory: Sendable {
    let path: String

    init(path: String = "/usr/share/zoneinfo") { self.path = path }

    func isZone(_ name: String) -> Bool {
        name == "UTC" || (Self.isWellFormed(name) && Self.isTZif(contentsOf: path + "/" + name))
    }

    /// The rules of the zone `name`; a name that is no zone is refused, named, on `field`.
    /// A zone of the `right/` tree (which counts leap seconds) is refused: parkd counts time as
    /// POSIX does, and its elapses would be off by the leap seconds, 27 s since 2017.
    func rules(named name: String, field: String) throws(DomainError) -> ZoneRules {
        if name == "UTC" { return ZoneRules(UTCRules()) }
        if name.hasPrefix("right/") {
            throw DomainError.invalid(field, "'\(name)' counts leap seconds, which parkd does not: name the zone without 'right/' ('\(name.dropFirst(6))')")
        }
        guard Self.isWellFormed(name), let data = FileManager.default.contents(atPath: path + "/" + name),
              let rules = TZifRules(Array(data)) else {
            throw DomainError.invalid(field, "'\(name)' is not a time zone of \(path) (such as UTC or Asia/Shanghai)")
        }
        return ZoneRules(rules)
    }

    /// The rules of the zone a caller reads times in (parkctl sends its `$TZ`): a zone as
    /// `rules(named:field:)` reads it, or else a POSIX `TZ` rule as glibc reads `$TZ`
    /// (`UTC0`, `CST-8`, `CET-1CEST,M3.5.0,M10.5.0/3`).
    func displayRules(named name: String, field: String) throws(DomainError) -> ZoneRules {
        do {
            return try rules(named: name, field: field)
        } catch {
            guard let rule = PosixTimeZoneRule(name) else {
                throw DomainError.invalid(
                    field, "'\(name)' is neither a time zone of \(path) (such as UTC or Asia/Shanghai) nor a POSIX TZ rule (such as CST-8)")
            }
            return ZoneRules(rule)
        }
    }

    /// The rules of the park's zone, `park.time_zone`. The configuration was refused unless
    /// they could be read; should they not be now (the file removed since), that is logged and
    /// the park's hours are counted in UTC.
    func parkZone(_ name: String, logger: Logger) -> ZoneRules {
        do {
            return try rules(named: name, field: "park.time_zone")
        } catch {
            logger.error("the park's time zone cannot be read; its days and hours are counted in UTC", metadata: [
                "zone": "\(name)", "error": "\(error.reason)",
            ])
            return ZoneRules(UTCRules())
        }
    }

    private static func isWellFormed(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.hasSuffix("/"), !name.contains("//"), name.utf8.count < 4096 else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_+/".utf8.contains(byte)
        }
    }

    private static func isTZif(contentsOf file: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("TZif".utf8)
    }
}
