import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import { aria } from '../a11y';
import './index.css';

interface ActionButtonProps {
  /** Spoken by screen readers; defaults to the visible text. */
  label: string;
  children?: ReactNode;
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
  onTap: () => void;
}

/**
 * A large (≥ 48px) button. In H5, Taro renders a custom element without a role,
 * so role and label are set explicitly for assistive technology and tests.
 */
export function ActionButton({ label, children, variant = 'primary', disabled = false, onTap }: ActionButtonProps) {
  return (
    <Button
      className={`btn btn-${variant} action-button`}
      {...aria('button', label, disabled ? { 'aria-disabled': 'true' } : {})}
      // React writes `disabled="false"` on H5 custom elements, which Taro's CSS treats as disabled.
      disabled={disabled || undefined}
      onClick={onTap}
    >
      {children ?? label}
    </Button>
  );
}
