import Foundation
import Testing

/// Callers run as other users with setpriv. Debian's `staff` (gid 50) is configured as the admin
/// group and `users` (gid 100) as the auditor group; `nobody` (65534) belongs to neither.
@Suite("Who may do what, decided by the daemon from peer credentials")
struct PermissionTests {
    static let config = """
        socket:
          mode: "0666"
        access:
          admin_group: staff
          auditor_group: users
        """

    @Test("a user in neither group may only introspect")
    func stranger() throws {
        let daemon = try RunningDaemon(config: Self.config)
        let list = try daemon.parkctl(["tenant", "list"], uid: 65534)
        #expect(list.status == 77)
        #expect(list.stderr == "parkctl: permission denied: uid 65534 may not call io.parkd.Tenant.List\n")
        let add = try daemon.parkctl(["tenant", "add", "--name", "X", "--credit-code", "91370200163562681G"], uid: 65534)
        #expect(add.status == 77)
        // Introspection stays open to anyone who can open the socket.
        let getInfo = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            s.sendall(b'{"method":"org.varlink.service.GetInfo"}\\0'); reply = b''
            while not reply.endswith(b'\\0'): reply += s.recv(65536)
            print(reply[:-1].decode())
            """
        let info = try runCommand("/usr/bin/setpriv", [
            "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", getInfo, daemon.socketPath,
        ])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("io.parkd.Tenant"))
        #expect(!info.stdout.contains("error"))
        // The refused write is in the trail, with the caller's identity.
        let trail = try daemon.parkctl(["--json", "audit", "list"])
        #expect(trail.stdout.contains("\"uid\" : 65534"))
        #expect(trail.stdout.contains("io.parkd.Service.PermissionDenied"))
    }

    @Test("an auditor reads everything and changes nothing")
    func auditor() throws {
        let daemon = try RunningDaemon(config: Self.config)
        _ = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"])
        #expect(try daemon.parkctl(["tenant", "list"], uid: 65534, gid: 100).status == 0)
        #expect(try daemon.parkctl(["audit", "verify"], uid: 65534, gid: 100).status == 0)
        #expect(try daemon.parkctl(["status"], uid: 65534, gid: 100).status == 0)
        let change = try daemon.parkctl(["tenant", "transition", "1", "reviewing", "--reason", "x"], uid: 65534, gid: 100)
        #expect(change.status == 77)
        #expect(change.stderr.contains("may not call io.parkd.Tenant.Transition"))
    }

    @Test("a member of the admin group may change the park, and is named in the trail")
    func adminGroup() throws {
        let daemon = try RunningDaemon(config: Self.config)
        let added = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"], uid: 65534, gid: 50)
        #expect(added.status == 0, "\(added.stderr)")
        let trail = try daemon.parkctl(["audit", "list"])
        #expect(trail.stdout.contains("nobody  65534"))
    }

    @Test("the caller's groups are those its connection was made with, not those of whatever process has its pid when parkd accepts it")
    func groupsOfTheConnection() throws {
        let daemon = try RunningDaemon(config: Self.config.replacingOccurrences(of: "  mode: \"0666\"\n", with: "  mode: \"0666\"\n  max_connections: 1\n"))
        // As root: hold the one connection allowed, so that the next waits to be accepted. A
        // child, as nobody with the admin group (staff) as a supplementary group, connects and
        // leaves the connection to its own child; it exits and is reaped before parkd accepts,
        // so /proc has nothing under the pid the connection names, and the user database
        // gives nobody no group at all.
        let script = """
            import os, socket, sys
            def call(connection, message):
                connection.sendall(message + b'\\0'); reply = b''
                while not reply.endswith(b'\\0'): reply += connection.recv(65536)
                return reply[:-1]
            holder = socket.socket(socket.AF_UNIX); holder.connect(sys.argv[1])
            call(holder, b'{"method":"org.varlink.service.GetInfo"}')
            reading, writing = os.pipe()
            child = os.fork()
            if child == 0:
                holder.close(); os.setgroups([50]); os.setgid(65534); os.setuid(65534)
                connection = socket.socket(socket.AF_UNIX); connection.connect(sys.argv[1])
                if os.fork() == 0:
                    os.write(writing, call(connection, b'{"method":"io.parkd.Tenant.List","parameters":{}}')); os._exit(0)
                os._exit(0)
            os.waitpid(child, 0)
            assert not os.path.exists(f"/proc/{child}")
            holder.close()
            os.close(writing); reply = b''
            while chunk := os.read(reading, 65536): reply += chunk
            print(reply.decode())
            """
        let result = try runCommand("/usr/bin/python3", ["-c", script, daemon.socketPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(#"{"parameters":{"tenants":[]"#), "\(result.stdout)\(daemon.log)")
    }

    @Test("a caller with more than 64 supplementary groups keeps them all")
    func manyGroups() throws {
        let daemon = try RunningDaemon(config: Self.config)
        let script = """
            import os, socket, sys
            os.setgroups(list(range(62100, 62200)) + [50]); os.setgid(65534); os.setuid(65534)
            connection = socket.socket(socket.AF_UNIX); connection.connect(sys.argv[1])
            connection.sendall(b'{"method":"io.parkd.Tenant.List","parameters":{}}\\0'); reply = b''
            while not reply.endswith(b'\\0'): reply += connection.recv(65536)
            print(reply[:-1].decode())
            """
        let result = try runCommand("/usr/bin/python3", ["-c", script, daemon.socketPath])
        #expect(result.stdout.hasPrefix(#"{"parameters":{"tenants":[]"#), "\(result.stdout)\(result.stderr)")
    }

    @Test("the socket file gets the configured mode and group")
    func socketGroup() throws {
        let daemon = try RunningDaemon(config: "socket:\n  mode: \"0660\"\n  group: staff\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)
        #expect(attributes[.posixPermissions] as? Int == 0o660)
        #expect(attributes[.groupOwnerAccountID] as? Int == 50)
        // A member of the socket's group may open it; the daemon then decides by role.
        let member = try daemon.parkctl(["status"], uid: 65534, gid: 50)
        #expect(member.status == 77)
        #expect(member.stderr.contains("may not call io.parkd.Service.Status"))
    }

    @Test("a socket the caller may not open is reported as permission denied (77)")
    func socketMode() throws {
        let daemon = try RunningDaemon(config: "socket:\n  mode: \"0600\"\n")
        let mode = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let result = try daemon.parkctl(["status"], uid: 65534)
        #expect(result.status == 77)
        #expect(result.stderr == "parkctl: permission denied: you may not open \(daemon.socketPath) (the socket's mode and group, and the directories above it, say who may)\n")
    }
}
