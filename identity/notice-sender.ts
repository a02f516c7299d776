/** One message to a resident's phone: a template the SMS provider knows, and its values. */
export interface Notice {
  /** Set for notices that must go out once only: the gateway gets it as the idempotency key. */
  id?: string;
  phone: string;
  template: string;
  params: Record<string, string>;
}

/** Sends notices (SMS) on the identity service's behalf; throws ERR_NOTICE_FAILED when it cannot. */
export interface NoticeSender {
  send(notice: Notice): Promise<void>;
}
