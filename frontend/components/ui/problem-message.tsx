import type { ReactNode } from "react";

/** An error said in words (the message already went through problemMessage). */
export function ProblemMessage({ title, message, children }: { title?: string; message: string; children?: ReactNode }) {
  return (
    <div className="alert error" role="alert">
      {title && <p><strong>{title}</strong></p>}
      <p>{message}</p>
      {children}
    </div>
  );
}
