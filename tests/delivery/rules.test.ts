import { addDays, shanghaiInstant } from '../../domain/dates';
import { answerWords, deliveryTiming, isWeekday, maskedAnswer, maskEmail, nextSendWindow, nextSlot, parseQuietHours, reachOf, ROBOT_RATE_LIMITS } from '../../domain/delivery';
import { classifySmtpError } from '../../services/delivery/email';
import { SendFailure } from '../../services/delivery/failure';
import { robotMarkdown } from '../../services/delivery/render';
import { dingtalkSign, feishuSign, judgeAnswer, robotRequest } from '../../services/delivery/robots';

// The delivery engine's pure rules: signatures against vectors computed independently (Python's
// hmac, shown below), quiet hours and working days, rate pacing, channel choice, and how provider
// and SMTP answers are read.

describe('signatures', () => {
  // python3 -c "import hmac,hashlib,base64,urllib.parse; s='SEC1a2b3c4d5e6f7g8h9i0jklmnopqrstuvwxyz'; t=1700000000000;
  //   print(urllib.parse.quote_plus(base64.b64encode(hmac.new(s.encode(), f'{t}\n{s}'.encode(), hashlib.sha256).digest())))"
  test('DingTalk: HMAC-SHA256(secret, "timestamp\\nsecret"), base64, URL-encoded; in the query string', () => {
    expect(dingtalkSign('SEC1a2b3c4d5e6f7g8h9i0jklmnopqrstuvwxyz', 1700000000000)).toBe('9pjlUvFES3vObu6uxI4xLuOXVwmtU%2B6yO661PfFwfLg%3D');
    const { url, body } = robotRequest({ provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC1a2b3c4d5e6f7g8h9i0jklmnopqrstuvwxyz', payload: { msgtype: 'markdown' }, now: 1700000000000 });
    expect(url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=9pjlUvFES3vObu6uxI4xLuOXVwmtU%2B6yO661PfFwfLg%3D');
    expect(body).toEqual({ msgtype: 'markdown' });
  });

  // python3 -c "import hmac,hashlib,base64; s='qAzP3oVnWbG7hKdY2xLs'; t=1599360473;
  //   print(base64.b64encode(hmac.new(f'{t}\n{s}'.encode(), b'', hashlib.sha256).digest()).decode())"
  test('Feishu: HMAC-SHA256 keyed with "timestamp\\nsecret" over an empty message, base64; timestamp in seconds, in the body', () => {
    expect(feishuSign('qAzP3oVnWbG7hKdY2xLs', 1599360473)).toBe('dfrWNqhb1T+JUy22LU2TOl7ZwxIVmSWCWTuNfuZbsKg=');
    const { url, body } = robotRequest({ provider: 'feishu', webhook: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 'qAzP3oVnWbG7hKdY2xLs', payload: { msg_type: 'interactive' }, now: 1599360473_999 });
    expect(url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/x');
    expect(body).toEqual({ timestamp: '1599360473', sign: 'dfrWNqhb1T+JUy22LU2TOl7ZwxIVmSWCWTuNfuZbsKg=', msg_type: 'interactive' });
  });

  test('WeCom: the key is in the webhook; nothing is signed', () => {
    expect(robotRequest({ provider: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: null, payload: { a: 1 }, now: 1 })).toEqual({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', body: { a: 1 } });
  });
});

describe('answers', () => {
  const failure = (f: () => unknown): SendFailure => {
    try {
      f();
    } catch (e) {
      if (e instanceof SendFailure) return e;
    }
    throw new Error('no SendFailure');
  };

  test('the JSON body decides, not the HTTP status: HTTP 200 with an error code is a failure', () => {
    expect(judgeAnswer('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(judgeAnswer('feishu', 200, '{"code":0,"data":{},"msg":"success"}')).toMatchObject({ code: 0 });
    expect(failure(() => judgeAnswer('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}'))).toMatchObject({ transient: false, answer: { errcode: 310000 } });
    expect(failure(() => judgeAnswer('feishu', 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).reason).toContain('签名错误');
    expect(failure(() => judgeAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).transient).toBe(false);
  });

  test('rate-limit codes are transient and ask for a pause; 5xx and network trouble are transient', () => {
    expect(failure(() => judgeAnswer('dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}'))).toMatchObject({ transient: true, retryAfterMs: 15_000 });
    expect(failure(() => judgeAnswer('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).transient).toBe(true);
    expect(failure(() => judgeAnswer('feishu', 200, '{"code":9499,"msg":"too many request"}')).transient).toBe(true);
    expect(failure(() => judgeAnswer('wecom', 502, '<html>bad gateway</html>')).transient).toBe(true);
    expect(failure(() => judgeAnswer('wecom', 404, 'not found')).transient).toBe(false);
  });

  test('SMTP: 4xx and connection errors are transient; 5xx (a refused address, a bad login) permanent', () => {
    expect(classifySmtpError(Object.assign(new Error('421'), { responseCode: 421, response: '421 try later' })).transient).toBe(true);
    expect(classifySmtpError(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toMatchObject({ transient: true, reason: '无法连接邮件服务器' });
    expect(classifySmtpError(Object.assign(new Error('550'), { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 User unknown' }))).toMatchObject({ transient: false, reason: '收件地址被拒绝', answer: { response: '550 User unknown' } });
    expect(classifySmtpError(Object.assign(new Error('535'), { code: 'EAUTH', responseCode: 535 })).reason).toBe('发信账号认证失败');
  });
});

describe('when a message may go out', () => {
  const q = parseQuietHours('20-8')!;
  const at = (date: string, h: number, m = 0) => shanghaiInstant(date, h).getTime() + m * 60_000;
  const TUESDAY = '2026-12-01';

  test('quiet hours read as written', () => {
    expect(parseQuietHours('20:00-08:00')).toEqual({ start: 1200, end: 480 });
    expect(parseQuietHours('22:30-7')).toEqual({ start: 1350, end: 420 });
    expect(parseQuietHours('off')).toEqual({ start: 0, end: 0 });
    expect(parseQuietHours('8pm')).toBeNull();
  });

  test('in the window at once; at night the next morning 08:00; on a weekend the next working day', () => {
    expect(nextSendWindow(at(TUESDAY, 12), q, isWeekday)).toBe(at(TUESDAY, 12));
    expect(nextSendWindow(at(TUESDAY, 21), q, isWeekday)).toBe(at(addDays(TUESDAY, 1), 8));
    expect(nextSendWindow(at(TUESDAY, 3), q, isWeekday)).toBe(at(TUESDAY, 8));
    // Friday 21:00 and Saturday 10:00 both wait for Monday 08:00.
    expect(nextSendWindow(at('2026-12-04', 21), q, isWeekday)).toBe(at('2026-12-07', 8));
    expect(nextSendWindow(at('2026-12-05', 10), q, isWeekday)).toBe(at('2026-12-07', 8));
  });

  test('red warnings go at once even at 22:00 on a Sunday; reminders wait to be gathered into a digest', () => {
    expect(deliveryTiming('warning-red', at('2026-12-06', 22), q, isWeekday)).toEqual({ notBefore: at('2026-12-06', 22), urgent: true, digest: false, deferred: false });
    expect(deliveryTiming('reminder', at(TUESDAY, 9), q, isWeekday)).toEqual({ notBefore: at(TUESDAY, 9, 5), urgent: false, digest: true, deferred: false });
    expect(deliveryTiming('manual-reminder', at(TUESDAY, 21), q, isWeekday)).toMatchObject({ notBefore: at(addDays(TUESDAY, 1), 8), deferred: true, digest: false });
  });
});

test('rate pacing: the 21st DingTalk post of a minute waits for the window (plus a margin); Feishu also 5 a second', () => {
  const t0 = 1_000_000;
  const twenty = Array.from({ length: 20 }, (_, i) => t0 + i * 100);
  expect(nextSlot(twenty.slice(0, 19), ROBOT_RATE_LIMITS.dingtalk, t0 + 2000)).toBe(t0 + 2000);
  expect(nextSlot(twenty, ROBOT_RATE_LIMITS.dingtalk, t0 + 2000)).toBe(t0 + 62_000);
  expect(nextSlot([t0, t0, t0, t0, t0], ROBOT_RATE_LIMITS.feishu, t0)).toBe(t0 + 1_250);
});

test('channels: email when an address is known plus the group’s robots; an explicit choice without an address is reported', () => {
  const robots = [{ id: 7, provider: 'dingtalk' as const }];
  expect(reachOf({ email: 'a@b.cn', chatIds: { dingtalk: 'u1' }, channels: null, robots })).toEqual([
    { channel: 'email', target: 'a@b.cn', robotId: null, mention: null },
    { channel: 'dingtalk', target: 'robot:7', robotId: 7, mention: 'u1' },
  ]);
  expect(reachOf({ email: null, chatIds: {}, channels: ['email', 'feishu'], robots })).toEqual([
    { channel: 'email', unreachable: '未登记电子邮箱' },
    { channel: 'feishu', unreachable: '所在群未配置飞书机器人' },
  ]);
  expect(maskEmail('zhou.zhuren@hospital.cn')).toBe('z***@hospital.cn');
});

test('a long digest is cut to WeCom’s 4096 bytes between items, saying how many more there are', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ kind: 'reminder', title: `问题${i + 1}距整改时限还有7天`, body: '「财务报销审核不严」（财务科）整改时限为 2026-12-08，还有 7 天。', link: `https://zgb/c/x/problems/${i + 1}` }));
  const text = robotMarkdown('wecom', { key: 'k-1', subject: '整改提醒汇总：60 项', urgent: false, content: { greeting: null, items, mentions: [] } });
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
  expect(text).toMatch(/另有 \d+ 项，请登录整改工作台查看。/);
  expect(text).toContain('消息编号：k-1');
});

test('a provider’s answer is shown in its own words, code first, addresses masked', () => {
  expect(answerWords({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <nobody@hospital.test>: Recipient address rejected: User unknown', command: 'RCPT TO' })).toBe(
    '550 5.1.1 <n***@hospital.test>: Recipient address rejected: User unknown',
  );
  expect(answerWords({ errcode: 310000, errmsg: 'sign not match' })).toBe('310000 sign not match');
  expect(answerWords({ code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' })).toBe('19021 sign match fail or timestamp is not within one hour from current time');
  expect(answerWords({ errcode: 0, errmsg: 'ok' })).toBe('ok');
  expect(answerWords(null)).toBe('');
});

test('the API shows a stored answer in its shape with every address masked', () => {
  expect(maskedAnswer({ responseCode: 550, response: 'to <wu.kezhang@hospital.test> refused', list: ['a.b@c.cn'] })).toEqual({ responseCode: 550, response: 'to <w***@hospital.test> refused', list: ['a***@c.cn'] });
});
