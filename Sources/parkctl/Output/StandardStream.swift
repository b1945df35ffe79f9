import Foundation

/// parkctl's output and its messages, written to the descriptor whole. When the reader has gone
/// (`parkctl … | head -1`), parkctl ends as a command-line tool does, by SIGPIPE (the shell
/// sees 141): writing on would only fail again. Any other failure to write (a full disk under a
/// redirection) is said on stderr, and parkctl exits 74, as for any failure of output.
enum StandardStream {
    case output, error

    private var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }

    func write(_ text: String) {
        write(Data(text.utf8))
    }

    func write(_ data: Data) {
        let failure: Int32? = data.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        guard let failure else { return }
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        if self == .output { StandardStream.error.write("parkctl: cannot write the output: \(String(cString: strerror(failure)))\n") }
        exit(74)
    }
}
