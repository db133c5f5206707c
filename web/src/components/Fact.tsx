import type { ReactNode } from 'react';

/** One line of a facts list (`<dl className="facts">`): what it is, and its value. */
export function Fact({
  label,
  children,
  className,
  lang,
}: {
  label: ReactNode;
  children: ReactNode;
  className?: string;
  lang?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} lang={lang}>
        {children}
      </dd>
    </div>
  );
}
