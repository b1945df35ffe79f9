import Foundation
import Testing

@Suite("make install")
struct InstallTests {
    static let repository = SystemdTests.repository.path

    func make(_ target: String, _ destination: String, _ extra: [String] = []) throws -> CommandResult {
        try runCommand("/usr/bin/make", [
            "-s", "-C", Self.repository, target, "DESTDIR=\(destination)", "BUILT_BINARIES=\(Binaries.directory)",
        ] + extra)
    }

    @Test("installs binaries, units for PREFIX, sysusers and tmpfiles entries, completions and the configuration, and uninstalls them")
    func installAndUninstall() throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-install-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: destination) }
        let installed = try make("install-files", destination, ["PREFIX=/opt/park"])
        #expect(installed.status == 0, "\(installed.stderr)")
        for path in [
            "/opt/park/bin/parkd", "/opt/park/bin/parkctl", "/opt/park/lib/systemd/system/parkd.service",
            "/opt/park/lib/systemd/system/parkd.socket", "/opt/park/lib/systemd/system/parkd@.service",
            "/opt/park/lib/systemd/system/parkd@.socket", "/opt/park/lib/sysusers.d/parkd.conf",
            "/opt/park/lib/tmpfiles.d/parkd.conf", "/etc/parkd/parkd.yaml",
            "/opt/park/share/bash-completion/completions/parkctl", "/opt/park/share/zsh/site-functions/_parkctl",
            "/opt/park/share/fish/vendor_completions.d/parkctl.fish", "/opt/park/share/parkd/demo/reports.csv",
            "/etc/parkd/policies/P2019.yaml", "/etc/parkd/policies/P2021.yaml", "/opt/park/share/parkd/policies/P2021.yaml",
            "/opt/park/share/parkd/policies/tests/reference.yaml", "/etc/parkd/calendar/2021.yaml",
            "/opt/park/share/parkd/calendar/2026.yaml",
        ] {
            #expect(FileManager.default.fileExists(atPath: destination + path), "\(path)")
        }
        let unit = try String(contentsOfFile: destination + "/opt/park/lib/systemd/system/parkd.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/opt/park/bin/parkd --config /etc/parkd/parkd.yaml"))
        #expect(!unit.contains("/usr/bin/parkd"))
        let completion = try String(contentsOfFile: destination + "/opt/park/share/bash-completion/completions/parkctl", encoding: .utf8)
        #expect(completion.contains("tenant"))

        // The system user and groups the units name are created by the sysusers entry.
        try FileManager.default.createDirectory(atPath: destination + "/root/etc", withIntermediateDirectories: true)
        let sysusers = try runCommand("/usr/bin/systemd-sysusers", ["--root=\(destination)/root", destination + "/opt/park/lib/sysusers.d/parkd.conf"])
        #expect(sysusers.status == 0, "\(sysusers.stderr)")
        let groups = try String(contentsOfFile: destination + "/root/etc/group", encoding: .utf8)
        for group in ["parkd", "parkd-admin", "parkd-reviewer", "parkd-auditor"] {
            #expect(groups.contains("\n\(group):") || groups.hasPrefix("\(group):"), "\(group)")
        }

        // The installed policies and calendar pass parkd's own check.
        let checkConfig = destination + "/check.yaml"
        try "policies:\n  directory: \(destination)/etc/parkd/policies\ncalendar:\n  directory: \(destination)/etc/parkd/calendar\n"
            .write(toFile: checkConfig, atomically: true, encoding: .utf8)
        let checked = try runCommand(Binaries.parkd, ["--check-config", "--config", checkConfig])
        #expect(checked.stdout.contains("policies P2019, P2021 are valid"), "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("/etc/parkd/calendar: the calendar of 2018–2026 is valid"), "\(checked.stdout)\(checked.stderr)")

        // An edited configuration and edited policies survive a reinstall and an uninstall.
        let edited = destination + "/etc/parkd/policies/P2021.yaml"
        try (String(contentsOfFile: edited, encoding: .utf8) + "# edited by the park\n").write(toFile: edited, atomically: true, encoding: .utf8)
        let config = destination + "/etc/parkd/parkd.yaml"
        try (String(contentsOfFile: config, encoding: .utf8) + "log:\n  level: debug\n").write(toFile: config, atomically: true, encoding: .utf8)
        let again = try make("install-files", destination, ["PREFIX=/opt/park"])
        #expect(again.stdout.contains("kept your /etc/parkd/parkd.yaml"))
        #expect(again.stdout.contains("kept your /etc/parkd/policies"))
        #expect(again.stdout.contains("kept your /etc/parkd/calendar"))
        #expect(try String(contentsOfFile: edited, encoding: .utf8).hasSuffix("# edited by the park\n"))
        #expect(try String(contentsOfFile: config, encoding: .utf8).hasSuffix("level: debug\n"))
        #expect(FileManager.default.fileExists(atPath: config + ".default"))

        let removed = try make("uninstall", destination, ["PREFIX=/opt/park"])
        #expect(removed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: destination + "/opt/park/bin/parkd"))
        #expect(!FileManager.default.fileExists(atPath: destination + "/opt/park/lib/systemd/system/parkd.service"))
        #expect(!FileManager.default.fileExists(atPath: config + ".default"))
        #expect(FileManager.default.fileExists(atPath: config), "the edited configuration stays")
        #expect(FileManager.default.fileExists(atPath: edited), "the edited policy stays")
        #expect(!FileManager.default.fileExists(atPath: destination + "/etc/parkd/policies/P2019.yaml"), "an unedited policy goes")
        #expect(!FileManager.default.fileExists(atPath: destination + "/etc/parkd/calendar"), "the unedited calendar goes")
    }
}
