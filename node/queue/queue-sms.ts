import type { QueueTemplate } from './queue-state.js';

/**
 * Sends one SMS for the queue: the template key, which the SMS gateway holds as text, and its
 * values. It may fail or be slow (the hall may be offline); the queue never waits for it.
 */
export type QueueNotify = (
  phone: string,
  template: QueueTemplate,
  params: Record<string, string>,
) => void | Promise<void>;

/** The Chinese text of each template, for a gateway that takes text rather than template keys. */
export const QUEUE_SMS_TEXT: Record<QueueTemplate, string> = {
  'queue.two-ahead': '【{hall}】您的{category}号码{number}前面还有{ahead}位，请留意大厅屏幕，准备办理。',
  'queue.called': '【{hall}】请{number}号到{window}办理业务。',
};

/** A template filled in with its values. */
export function renderQueueSms(template: QueueTemplate, params: Record<string, string>): string {
  return QUEUE_SMS_TEXT[template].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
