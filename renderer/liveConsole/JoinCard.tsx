// How players join: the join address as a QR code (made on this machine by the host) and
// the short join code, large enough to read from a projector or a printed sheet.
import type { LiveServing } from '../../api/liveConsole';

export function JoinCard({ info }: { info: LiveServing }) {
  return (
    <section className="panel join-card" aria-labelledby="join-title">
      <h2 id="join-title">Join</h2>
      <p className="join-code" aria-label={`Join code ${info.code.split('').join(' ')}`}>
        {info.code}
      </p>
      {info.join.map((j) => (
        <figure key={j.url} className="join-qr">
          <img src={j.qr} alt={`QR code of ${j.url}`} width={168} height={168} />
          <figcaption>
            <code data-testid="join-url">{j.url}</code>
          </figcaption>
        </figure>
      ))}
      {info.join.length === 0 && <p className="muted">This machine has no address phones can open on this interface.</p>}
    </section>
  );
}
