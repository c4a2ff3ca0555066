import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { duesApi, type PayOrder } from '@shared/api';
import { ApiError, call, messageOf } from '../../services/api';
import { awaitPaidBill } from '../services/payment-result';

export type PayPhase = 'idle' | 'opening' | 'awaiting' | 'confirming' | 'paid';

export interface PayFlow {
  phase: PayPhase;
  order: PayOrder | null;
  error: string | null;
  start: (voluntaryExtraFen: number) => void;
  /** Local stage only: the labelled simulator pays the order through the real notify endpoint. */
  simulate: () => void;
}

/**
 * Paying a bill: open the order, pay it in WeChat (or, on the local stage, with the labelled simulator),
 * then wait until WeChat Pay's notification has marked the bill paid — the bill is never marked paid here.
 */
export function usePay(month: string, onPaid: () => void): PayFlow {
  const [phase, setPhase] = useState<PayPhase>('idle');
  const [order, setOrder] = useState<PayOrder | null>(null);
  const [error, setError] = useState<string | null>(null);

  const confirm = useCallback(async () => {
    setPhase('confirming');
    if (await awaitPaidBill(month)) {
      setPhase('paid');
      onPaid();
      return;
    }
    setPhase('awaiting');
    setError('支付结果还在确认中，请稍后刷新查看');
  }, [month, onPaid]);

  const fail = (reason: unknown) => {
    setError(messageOf(reason));
    setPhase((current) => (current === 'opening' ? 'idle' : 'awaiting'));
  };

  const start = useCallback(
    (voluntaryExtraFen: number) => {
      setError(null);
      setPhase('opening');
      call(duesApi.pay, { params: { month }, body: voluntaryExtraFen > 0 ? { voluntaryExtraFen } : {} })
        .then(async (opened) => {
          setOrder(opened);
          setPhase('awaiting');
          if (opened.mode !== 'wechatpay') return;
          if (process.env.TARO_ENV !== 'weapp') throw new ApiError('PAY_IN_WECHAT', '请在微信中打开小程序缴纳，或联系支部线下缴纳', 0);
          await Taro.requestPayment({ ...opened.jsapi });
          await confirm();
        })
        .catch(fail);
    },
    [month, confirm],
  );

  const simulate = useCallback(() => {
    if (!order) return;
    setError(null);
    call(duesApi.localPay, { params: { outTradeNo: order.outTradeNo } })
      .then(() => confirm())
      .catch(fail);
  }, [order, confirm]);

  return { phase, order, error, start, simulate };
}
