/** Passwords README publishes for the demo network (never valid on a real one). */
export const DEMO_STAFF_PASSWORD = 'library-one-staff';
export const DEMO_TERMINAL_PASSWORD = 'library-one-sip2';
