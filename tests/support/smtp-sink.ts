import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server for the tests (smtp-server), each message parsed with mailparser. It requires
// the login in the URL, can refuse a recipient for good (550) or a message for now (421), and
// counts what it accepted by Message-ID, so a duplicate is visible as a second copy of one id.

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  at: number;
}

const USER = 'rectify@hospital.test';
const PASS = 'smtp-secret-密码';

export class SmtpSink {
  /** Accepted messages, in the order they arrived. */
  readonly received: ReceivedMail[] = [];
  /** Every DATA attempt's Message-ID, refused ones included. */
  readonly attempts: { messageId: string; to: string[]; accepted: boolean }[] = [];
  /** Recipients refused at RCPT TO with this code (e.g. 550 user unknown). */
  readonly refuse = new Map<string, { code: number; message: string }>();
  /** Recipients whose next n messages are answered 421 at the end of DATA. */
  readonly busy = new Map<string, number>();
  /** Server errors other than a client resetting its connection. */
  readonly errors: Error[] = [];
  /** How long the server takes to accept a message (a real relay is not instant); 0 by default. */
  acceptDelayMs = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpSink> {
    // The handlers need the sink, which needs the server's port: a holder breaks the circle.
    const ref: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, cb) {
        if (auth.username === USER && auth.password === PASS) cb(null, { user: auth.username });
        else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, cb) {
        const refusal = ref.sink!.refuse.get(address.address.toLowerCase());
        if (refusal) cb(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        else cb();
      },
      onData(stream, session, cb) {
        void simpleParser(stream).then(
          (mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const messageId = mail.messageId ?? '';
            const busy = to.find((a) => (ref.sink!.busy.get(a) ?? 0) > 0);
            ref.sink!.attempts.push({ messageId, to, accepted: !busy });
            if (busy) {
              ref.sink!.busy.set(busy, ref.sink!.busy.get(busy)! - 1);
              cb(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
              return;
            }
            const accept = () => {
              ref.sink!.received.push({ messageId, from: mail.from?.text ?? '', to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', at: Date.now() });
              cb(null, 'OK: queued');
            };
            if (ref.sink!.acceptDelayMs > 0) setTimeout(accept, ref.sink!.acceptDelayMs);
            else accept();
          },
          (err: Error) => cb(err),
        );
      },
    });
    // A client killed mid-session (the crash test) resets its connection; smtp-server reports it
    // as an 'error' event, which would otherwise crash the test process. Other errors are kept.
    server.on('error', (e: Error & { code?: string }) => {
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') ref.sink?.errors.push(e);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    ref.sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return ref.sink;
  }

  /** The URL RECTIFY_SMTP_URL would hold (login included, as in production). */
  get url(): string {
    return `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${this.port}`;
  }

  static readonly from = USER;

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Accepted copies per Message-ID: a duplicate shows as a count above 1. */
  copiesById(): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of this.received) out.set(m.messageId, (out.get(m.messageId) ?? 0) + 1);
    return out;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
