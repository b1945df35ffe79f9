import ParkControl
import Testing

@Suite("Unix socket paths")
struct UnixSocketPathTests {
    static let longest = "/tmp/" + String(repeating: "a", count: 102)

    @Test("a path fits sun_path with its NUL: 107 bytes at most, counted in UTF-8")
    func limit() {
        #expect(UnixSocketPath.longestBytes == 107)
        #expect(Self.longest.utf8.count == 107 && UnixSocketPath.problem(Self.longest) == nil)
        #expect(UnixSocketPath.problem(Self.longest + "a") == "is 108 bytes long; a Unix socket's path has at most 107")
        #expect(UnixSocketPath.problem("/run/园区/" + String(repeating: "控", count: 33)) == "is 111 bytes long; a Unix socket's path has at most 107")
    }

    @Test("the client refuses a path too long before connecting, saying why")
    func client() async {
        let path = Self.longest + ".sock"
        await #expect(throws: VarlinkClientError.unreachable(path, "the path is 112 bytes long; a Unix socket's path has at most 107")) {
            _ = try await VarlinkConnection.connect(socketPath: path)
        }
    }
}
