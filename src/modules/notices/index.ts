/** The notices module's front door: the worker, its channels and the routes. */
export {
  DeliveryError,
  type EmailSender,
  httpPhoneProvider,
  type PhoneProvider,
  smtpSender,
} from './channels.js';
export { noticeRoutes } from './routes.js';
export { startNotices } from './service.js';
export { createNoticeWorker, type NoticeWorker } from './worker.js';
