import Foundation
import Logging
import NIOCore
import ParkControl
import Synchronization

/// Serves one admin connection: its calls are carried out one at a time, in the order they
/// came, so pipelined calls are answered in sequence and a call sees every earlier one's change.
///
/// A call is started on the connection's event loop, inside the socket read that brought it.
/// One that never suspends — a read: `ParkDatabase.read` runs on the calling thread — is
/// answered there and then, and the replies to every call of one socket read leave in a
/// single flush. One that suspends (a write waiting for its group commit) holds back the calls
/// after it, and further socket reads, until its reply is written.
///
/// Calls received before the peer hung up are still carried out (their replies go nowhere);
/// the connection counts as served once it is closed and the last of them is done.
final class ControlConnectionHandler: ChannelInboundHandler, ChannelOutboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let dispatcher: Dispatcher
    private let caller: Caller
    /// The caller's role when it connected: the calls of a caller without one are paced.
    private let role: Role
    private let channel: any Channel
    private let registry: ConnectionRegistry
    private let logger: Logger
    /// Called once, when the channel is gone and none of its calls is running.
    private var onServed: (() -> Void)?

    /// Where this connection's calls resume after a suspension: its event loop.
    private let resumption: EventLoopTaskExecutor
    /// Set while the handler is in the pipeline.
    private var context: ChannelHandlerContext?
    private var state = ControlConnectionState()
    /// How many times this connection's reads were held because its replies were not read
    /// (`limits.reply_buffer_bytes`): logged at the first, counted at the close.
    private var heldForUnreadReplies = 0

    init(
        dispatcher: Dispatcher, caller: Caller, role: Role, channel: any Channel, registry: ConnectionRegistry, logger: Logger,
        onServed: @escaping () -> Void
    ) {
        self.dispatcher = dispatcher
        self.caller = caller
        self.role = role
        self.channel = channel
        self.resumption = EventLoopTaskExecutor(channel.eventLoop)
        self.registry = registry
        self.logger = logger
        self.onServed = onServed
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // A drain sent before this handler was in the pipeline passed it by.
        if registry.isDraining { closeAfterReplies() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        reportServedIfDone()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state.received(unwrapInboundIn(data)) else { return }
        startReceivedCalls()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushReplies()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? VarlinkFramingError {
            // Answered in turn, after the calls that came before the broken message.
            guard state.framingFailed(error) else { return }
            startReceivedCalls()
        } else {
            logger.debug("connection ended", metadata: ["pid": "\(caller.pid)", "reason": "\(error)"])
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ConnectionRegistry.Drain else { return context.fireUserInboundEventTriggered(event) }
        // A call running is answered first (`finished` then closes); calls not started are not run.
        if !state.isAwaitingReply { closeAfterReplies() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.peerDisconnected()
        if heldForUnreadReplies > 0 {
            logger.notice("a client that left its replies unread has closed its connection", metadata: [
                "uid": "\(caller.uid)", "pid": "\(caller.pid)", "times_held": "\(heldForUnreadReplies)",
            ])
        }
        context.fireChannelInactive()
    }

    func read(context: ChannelHandlerContext) {
        if state.readRequested() {
            context.read()
        } else {
            // Time parkd holds the reads back is not the client's: its message's clock stops.
            context.triggerUserOutboundEvent(UnfinishedMessageTimeout.Reads.held, promise: nil)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        state.writabilityChanged(isWritable: context.channel.isWritable)
        if !context.channel.isWritable {
            heldForUnreadReplies += 1
            if heldForUnreadReplies == 1 {
                logger.notice("a client is not reading its replies: its further calls wait until it does (limits.reply_buffer_bytes)", metadata: [
                    "uid": "\(caller.uid)", "pid": "\(caller.pid)",
                ])
            }
        }
        if context.channel.isWritable { resume() }
        context.fireChannelWritabilityChanged()
    }

    /// Starts received calls in order until one suspends, waits its turn, or none is left.
    private func startReceivedCalls() {
        while let next = state.nextCall() {
            switch next {
            case .start(let message):
                if let wait = waitBeforeStarting() {
                    state.deferCall(message)
                    let handler = NIOLoopBound(self, eventLoop: channel.eventLoop)
                    channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(wait * 1e9) + 1)) {
                        handler.value.state.deferredCallMayStart()
                        handler.value.resume()
                    }
                    return
                }
                start(message)
            case .refuse(let error): refuse(error)
            }
        }
    }

    /// Seconds the next call of a caller without a role waits for its turn, or nil to start it.
    private func waitBeforeStarting() -> Double? {
        guard role == .none else { return nil }
        return dispatcher.state.budgets.startCall(uid: caller.uid, limits: dispatcher.state.config.limits)
    }

    /// Whatever held back the calls is gone: start what waits, and read again if a read was held.
    private func resume() {
        startReceivedCalls()
        flushReplies()
        if state.heldReadMayProceed() {
            context?.triggerUserOutboundEvent(UnfinishedMessageTimeout.Reads.resumed, promise: nil)
            context?.read()
        }
    }

    private func start(_ message: ByteBuffer) {
        let completion = CallCompletion()
        let dispatcher = self.dispatcher
        let caller = self.caller
        let eventLoop = channel.eventLoop
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        // Runs on this thread up to the call's first suspension, if it has one: a read is
        // answered before `Task.immediate` returns. After a suspension it goes on here too.
        Task.immediate(executorPreference: resumption) {
            let outcome = await dispatcher.handle(message.readableBytesView, from: caller)
            if completion.finish(outcome) { handler.value.finishedLater(outcome) }
        }
        if let outcome = completion.outcomeIfFinished() {
            finished(outcome)
        } else {
            state.callSuspended()
        }
    }

    /// The outcome of a call that suspended: its reply is sent and the calls behind it start.
    private func finishedLater(_ outcome: Dispatcher.Outcome) {
        state.suspendedCallFinished()
        finished(outcome)
        resume()
        reportServedIfDone()
    }

    private func reportServedIfDone() {
        guard context == nil, !state.isAwaitingReply, let onServed else { return }
        self.onServed = nil
        onServed()
    }

    private func finished(_ outcome: Dispatcher.Outcome) {
        if let reply = outcome.reply {
            write(reply)
        }
        if registry.isDraining || outcome.closeConnection {
            closeAfterReplies()
        }
    }

    /// Answers a broken stream (only an oversized message gets a reply), then hangs up.
    private func refuse(_ error: VarlinkFramingError) {
        let outcome = dispatcher.refuse(error.description, caller: caller)
        if case .messageTooLarge = error, let reply = outcome.reply {
            write(reply)
        }
        closeAfterReplies()
    }

    private func write(_ reply: Data) {
        guard let context, state.replyWritten() else { return }
        var frame = context.channel.allocator.buffer(capacity: reply.count + 1)
        frame.writeBytes(reply)
        frame.writeInteger(UInt8(0))
        context.write(wrapOutboundOut(frame), promise: nil)
    }

    private func flushReplies() {
        guard state.flushNeeded(), let context else { return }
        context.flush()
    }

    /// Stops starting calls and closes once every reply written so far has left.
    private func closeAfterReplies() {
        guard state.closeStarted(), let context else { return }
        // Writes complete in order: when this empty one has, every reply before it has too.
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

/// Where a call's outcome meets the connection: at once, when the call never suspended, or
/// later, from whichever thread its task finishes on.
private final class CallCompletion: Sendable {
    private enum State {
        case running
        case finished(Dispatcher.Outcome)
        /// The handler moved on and must be sent the outcome.
        case awaited
    }

    private let state = Mutex(State.running)

    /// Records the outcome; true when the handler is no longer looking and must be told.
    func finish(_ outcome: Dispatcher.Outcome) -> Bool {
        state.withLock { state in
            if case .awaited = state { return true }
            state = .finished(outcome)
            return false
        }
    }

    /// The outcome if the call already finished; otherwise the call is marked awaited.
    func outcomeIfFinished() -> Dispatcher.Outcome? {
        state.withLock { state in
            if case .finished(let outcome) = state { return outcome }
            state = .awaited
            return nil
        }
    }
}
