import Glibc
import Logging
import NIOCore

/// Decides when the admin socket accepts connections, by turning the listening channel's
/// `autoRead` off and on (which unregisters the socket while closed):
///
/// - for a second after accepting failed for lack of file descriptors or memory: the failed
///   connection stays queued and the socket readable, so retrying at once would spin a CPU
///   until some connection closes. (NIO's `AcceptBackoffHandler` does not stop that spin here:
///   after a failed accept the channel's read stays pending and the socket registered.)
/// - while `limit()` connections are open, until one closes: more wait in the socket's queue.
///
/// Each closing is logged once. Lives on the listening channel's event loop.
final class AcceptGate: ChannelInboundHandler {
    typealias InboundIn = any Channel

    private static let pauseAfterFailure = TimeAmount.seconds(1)
    private let limit: @Sendable () -> Int
    private let logger: Logger
    private var listening: (any Channel)?
    /// Connections accepted and not yet closed.
    private var open = 0
    private var pausedAfterFailure = false
    private var full = false

    init(limit: @escaping @Sendable () -> Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        listening = context.channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let connection = Self.unwrapInboundIn(data)
        open += 1
        let gate = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        connection.closeFuture.whenComplete { _ in loop.execute { gate.value.connectionClosed() } }
        context.fireChannelRead(data)
        if !full, open >= limit() {
            full = true
            logger.warning("the most connections socket.max_connections allows are open; new ones wait until one closes", metadata: [
                "connections": "\(open)",
            ])
            updateAccepting()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let failure = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(failure.errnoCode) else {
            context.fireErrorCaught(error)
            return
        }
        guard !pausedAfterFailure else { return }
        pausedAfterFailure = true
        logger.warning("cannot accept connections for now; trying again in a second", metadata: ["error": "\(failure)"])
        updateAccepting()
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.pauseAfterFailure) {
            self.pausedAfterFailure = false
            self.updateAccepting()
        }
    }

    private func connectionClosed() {
        open -= 1
        if full, open < limit() {
            full = false
            logger.notice("accepting connections again", metadata: ["connections": "\(open)"])
            updateAccepting()
        }
    }

    private func updateAccepting() {
        guard let listening, listening.isActive else { return }
        try? listening.syncOptions?.setOption(ChannelOptions.autoRead, value: !full && !pausedAfterFailure)
    }
}
