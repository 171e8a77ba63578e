/**
 * A handle between two panes: drag it, or focus it and use the arrow keys (Home and End for the
 * limits). A focusable ARIA separator, so screen readers announce the width as a value.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

export interface PaneSplitterProps {
  label: string;
  /** The pane's current width in pixels, and its limits. */
  value: number;
  min: number;
  max: number;
  /** Where the handle sits, from the window's left edge. */
  left: number;
  onChange(width: number): void;
}

const STEP = 16;

export function PaneSplitter({ label, value, min, max, left, onChange }: PaneSplitterProps) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const clamp = (width: number) => Math.min(max, Math.max(min, Math.round(width)));

  const onKeyDown = (event: KeyboardEvent) => {
    const next =
      event.key === 'ArrowLeft' ? value - STEP : event.key === 'ArrowRight' ? value + STEP : event.key === 'Home' ? min : event.key === 'End' ? max : null;
    if (next === null) return;
    event.preventDefault();
    onChange(clamp(next));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    start.current = { x: event.clientX, width: value };
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) onChange(clamp(start.current.width + event.clientX - start.current.x));
  };
  const stop = () => {
    start.current = null;
    setDragging(false);
  };

  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      style={{ left }}
      data-dragging={dragging}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={stop}
      onPointerCancel={stop}
    />
  );
}
