import Foundation
import Testing

@Suite("Text in another encoding than UTF-8, typed at parkctl")
struct TextEncodingTests {
    /// 济南人力资源有限公司 and 威海人力资源有限公司 in GBK, as a terminal on Chinese Windows sends them
    /// (octal escapes for the shell's printf).
    static let jinanInGBK = #"\274\303\304\317\310\313\301\246\327\312\324\264\323\320\317\336\271\253\313\276"#

    @Test("an argument in GBK is refused before anything is sent; U+FFFD, what a decoder leaves of it, is refused by parkd")
    func gbkArguments() throws {
        let daemon = try RunningDaemon()
        let gbk = try runCommand("/bin/sh", ["-c", #"exec "$0" tenant add --name "$(printf '\#(Self.jinanInGBK)')" --credit-code 91370100MA3000080P"#,
                                             Binaries.parkctl], environment: ["PARKD_SOCKET": daemon.socketPath])
        #expect(gbk.status == 64, "\(gbk.stdout)\(gbk.stderr)")
        #expect(gbk.stderr.hasPrefix("Error: argument 4 (the value of --name) is not UTF-8 text; parkctl reads its arguments as UTF-8: "
                + "set the terminal's (or the script's) encoding to UTF-8 and type it again\nUsage: parkctl tenant add "), "\(gbk.stderr)")
        let json = try runCommand("/bin/sh", ["-c", #"exec "$0" --json tenant add --name "$(printf '\#(Self.jinanInGBK)')" --credit-code 91370100MA3000080P"#, Binaries.parkctl],
                                  environment: ["PARKD_SOCKET": daemon.socketPath])
        #expect(json.status == 64 && json.stderr.hasPrefix(#"{"error":"parkctl.Usage","exitStatus":64,"message":"argument 5 (the value of --name)"#)
                && json.stderr.contains(#""parameters":{"usage":"Usage: parkctl tenant add "#), "\(json.stderr)")
        // What Swift would have made of it: the replacement characters, refused naming the field.
        let replaced = try daemon.parkctl(["tenant", "add", "--name", "\u{FFFD}\u{FFFD}人力资源有限公司", "--credit-code", "91370100MA3000080P"])
        #expect(replaced.status == 65, "\(replaced.stderr)")
        #expect(replaced.stderr.hasPrefix("parkctl: invalid --name (name): contains U+FFFD, which stands in for bytes that were not UTF-8 text"),
                "\(replaced.stderr)")
        #expect(try daemon.parkctl(["tenant", "show", "91370100MA3000080P"]).status == 66, "no tenant was added")
    }
}
