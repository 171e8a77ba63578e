/**
 * The simulated DOM has no layout, so a virtualised list would see a pane of height 0 and render
 * nothing. Calling this in a test file gives every list's scroll pane the height a window would,
 * and undoes it (and unmounts) after each test.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

export function giveListPanesAWindowHeight(height = 700): void {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('message-list-scroll') ? height : 0;
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });
}
