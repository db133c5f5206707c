import { Link } from '../router';

/** A visitor's two ways in: join (the main action) and sign in. */
export function JoinLinks({
  joinLabel,
  signIn,
  className = '',
}: {
  joinLabel: string;
  signIn: { to: string; label: string };
  className?: string;
}) {
  return (
    <div className="cta-row">
      <Link to="/portal/sign-up" className={`button primary ${className}`.trim()}>
        {joinLabel}
      </Link>
      <Link to={signIn.to} className="button">
        {signIn.label}
      </Link>
    </div>
  );
}
